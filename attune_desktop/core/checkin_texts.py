"""The few words the room sees around a check-in (phone, kiosk, projector), in six languages.

The scales carry their own translations; these are the sentences around them. A language we
do not write in falls back to English.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

from attune_desktop.core.checkin_scales import language_of

# Words the phone shows, in the six languages the scales are written in.
TEXTS: Final[Mapping[str, Mapping[str, str]]] = MappingProxyType(
    {
        "en": {
            "phone": "Answer on your phone",
            "or_go": "or go to",
            "and_code": "and type the code",
            "thank_you": "Thank you",
            "too_few": (
                "Fewer than {n} answered, so results stay hidden to keep everyone anonymous."
            ),
            "answered": "{n} answered",
            "pinned": (
                "Just enough answered that small numbers could be worked "
                "out, so results stay hidden to keep everyone anonymous."
            ),
            "small": "fewer than 2",
            "open": "Results appear when the round is closed.",
            "kiosk_closed": "This check-in has closed. Thank you.",
            "title": "Check-in",
            "tap": "Tap one picture. Nobody will know which one you chose.",
            "thanks": "Thank you. Your answer was counted.",
            "already": "You have already answered this check-in. Thank you.",
            "full": "This check-in is full: it has every answer it can take. Thank you.",
            "closed": "This check-in has closed. Thank you.",
            "code": "Type the code shown on the screen",
            "join": "Join",
            "wrong_code": "That code does not match an open check-in.",
            "refused": "That did not work; nothing was counted. Please reload and try again.",
            "busy": "Many answers at once. Please wait a moment and try again.",
        },
        "es": {
            "phone": "Responde con tu teléfono",
            "or_go": "o entra en",
            "and_code": "y escribe el código",
            "thank_you": "Gracias",
            "too_few": (
                "Respondieron menos de {n}, así que los resultados no se "
                "muestran para proteger el anonimato."
            ),
            "answered": "{n} respuestas",
            "pinned": (
                "Respondieron justo las personas necesarias y se podrían deducir "
                "los números pequeños, así que los resultados no se muestran."
            ),
            "small": "menos de 2",
            "open": "Los resultados aparecen cuando se cierra la ronda.",
            "kiosk_closed": "Esta ronda ya está cerrada. Gracias.",
            "title": "Ronda de ánimo",
            "tap": "Toca una imagen. Nadie sabrá cuál elegiste.",
            "thanks": "Gracias. Tu respuesta se ha contado.",
            "already": "Ya respondiste en esta ronda. Gracias.",
            "full": "Esta ronda ya tiene tantas respuestas como personas en la sala. Gracias.",
            "closed": "Esta ronda ya está cerrada. Gracias.",
            "code": "Escribe el código que aparece en la pantalla",
            "join": "Entrar",
            "wrong_code": "Ese código no corresponde a ninguna ronda abierta.",
            "refused": "No funcionó; no se contó nada. Recarga la página e inténtalo de nuevo.",
            "busy": "Hay muchas respuestas a la vez. Espera un momento e inténtalo de nuevo.",
        },
        "fr": {
            "phone": "Répondez avec votre téléphone",
            "or_go": "ou allez sur",
            "and_code": "et tapez le code",
            "thank_you": "Merci",
            "too_few": (
                "Moins de {n} réponses : les résultats restent cachés pour protéger l'anonymat."
            ),
            "answered": "{n} réponses",
            "pinned": (
                "Juste assez de réponses pour que les petits nombres "
                "se devinent : les résultats restent cachés pour protéger l’anonymat."
            ),
            "small": "moins de 2",
            "open": "Les résultats s'affichent quand le tour est terminé.",
            "kiosk_closed": "Ce tour est terminé. Merci.",
            "title": "Tour d'humeur",
            "tap": "Touchez une image. Personne ne saura laquelle vous avez choisie.",
            "thanks": "Merci. Votre réponse a été comptée.",
            "already": "Vous avez déjà répondu à ce tour. Merci.",
            "full": "Ce tour a déjà autant de réponses que de personnes dans la salle. Merci.",
            "closed": "Ce tour est terminé. Merci.",
            "code": "Tapez le code affiché à l'écran",
            "join": "Entrer",
            "wrong_code": "Ce code ne correspond à aucun tour ouvert.",
            "refused": "Cela n'a pas marché ; rien n'a été compté. Rechargez la page et réessayez.",
            "busy": "Beaucoup de réponses en même temps. Patientez un instant et réessayez.",
        },
        "ar": {
            "phone": "أجب من هاتفك",
            "or_go": "أو افتح",
            "and_code": "واكتب الرمز",
            "thank_you": "شكرًا",
            "too_few": "أجاب أقل من {n}، لذلك تبقى النتائج مخفية حفاظًا على سرية الجميع.",
            "answered": "أجاب {n}",
            "pinned": (
                "عدد الإجابات يكفي بالكاد، ويمكن استنتاج الأعداد الصغيرة، "
                "لذلك تبقى النتائج مخفية حفاظًا على سرية الجميع."
            ),
            "small": "أقل من 2",
            "open": "تظهر النتائج عند إغلاق الجولة.",
            "kiosk_closed": "انتهت هذه الجولة. شكرًا لك.",
            "title": "جولة الاطمئنان",
            "tap": "اضغط على صورة واحدة. لن يعرف أحد ما اخترت.",
            "thanks": "شكرًا لك. تم احتساب إجابتك.",
            "already": "لقد أجبت بالفعل في هذه الجولة. شكرًا لك.",
            "full": "وصلت هذه الجولة إلى عدد الإجابات المسموح به. شكرًا لك.",
            "closed": "انتهت هذه الجولة. شكرًا لك.",
            "code": "اكتب الرمز الظاهر على الشاشة",
            "join": "دخول",
            "wrong_code": "هذا الرمز لا يطابق أي جولة مفتوحة.",
            "refused": "لم ينجح ذلك ولم يُحتسب شيء. أعد تحميل الصفحة وحاول مرة أخرى.",
            "busy": "إجابات كثيرة في وقت واحد. انتظر قليلًا ثم حاول مرة أخرى.",
        },
        "uk": {
            "phone": "Відповідайте з телефона",
            "or_go": "або відкрийте",
            "and_code": "і введіть код",
            "thank_you": "Дякуємо",
            "too_few": (
                "Відповіли менше ніж {n}, тож результати приховано, щоб зберегти анонімність."
            ),
            "answered": "Відповідей: {n}",
            "pinned": (
                "Відповідей рівно стільки, що малі числа можна "
                "вгадати, тож результати приховано, щоб зберегти анонімність."
            ),
            "small": "менше 2",
            "open": "Результати з'являться, коли коло закриється.",
            "kiosk_closed": "Це коло вже закрито. Дякуємо.",
            "title": "Як ви?",
            "tap": "Торкніться однієї картинки. Ніхто не дізнається, яку ви обрали.",
            "thanks": "Дякуємо. Вашу відповідь зараховано.",
            "already": "Ви вже відповіли в цьому колі. Дякуємо.",
            "full": "У цьому колі вже стільки відповідей, скільки людей у кімнаті. Дякуємо.",
            "closed": "Це коло вже закрито. Дякуємо.",
            "code": "Введіть код, показаний на екрані",
            "join": "Увійти",
            "wrong_code": "Цей код не відповідає жодному відкритому колу.",
            "refused": "Не вдалося; нічого не зараховано. Оновіть сторінку й спробуйте ще раз.",
            "busy": "Забагато відповідей одночасно. Зачекайте трохи й спробуйте ще раз.",
        },
        "zh": {
            "phone": "用手机回答",
            "or_go": "或打开",
            "and_code": "并输入代码",
            "thank_you": "谢谢",
            "too_few": "回答人数少于 {n}，为保护匿名，结果不显示。",
            "answered": "{n} 人回答",
            "pinned": (" 回答人数刚好够，小的数字可能被推算出来，为保护匿名，结果不显示。"),
            "small": "少于 2",
            "open": "本轮结束后显示结果。",
            "kiosk_closed": "这一轮已经结束。谢谢。",
            "title": "心情签到",
            "tap": "点一张图片。没有人会知道你选了哪一个。",
            "thanks": "谢谢。你的回答已计入。",
            "already": "你已经回答过这一轮了。谢谢。",
            "full": "这一轮的回答数已经达到房间里的人数。谢谢。",
            "closed": "这一轮已经结束。谢谢。",
            "code": "输入屏幕上显示的代码",
            "join": "进入",
            "wrong_code": "这个代码没有对应正在进行的签到。",
            "refused": "没有成功，什么也没有计入。请刷新页面再试一次。",
            "busy": "同时回答的人很多。请稍等片刻再试。",
        },
    }
)


def text(lang: str, key: str, **values: object) -> str:
    """A room text in `lang` (English when we have none), with `{name}` values filled in."""
    table = TEXTS.get(language_of(lang)) or TEXTS["en"]
    words = table.get(key) or TEXTS["en"][key]
    return words.format(**values) if values else words
