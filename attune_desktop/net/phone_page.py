"""The phone page: one small, self-contained HTML document per request, in the room's language.

No script, no external file, no font download, no tracking: the pictures are the bundled OpenMoji
SVGs inlined, and the options are plain submit buttons in one form, so the page works in any
phone browser and arrives in one response (a few kilobytes compressed) on a weak hotspot.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Final

from attune_desktop.core.checkin_scales import Scale, is_rtl, language_of

# Words the phone shows, in the six languages the scales are written in.
TEXTS: Final[Mapping[str, Mapping[str, str]]] = MappingProxyType(
    {
        "en": {
            "title": "Check-in",
            "tap": "Tap one picture. Nobody will know which one you chose.",
            "thanks": "Thank you. Your answer was counted.",
            "already": "You have already answered this check-in. Thank you.",
            "closed": "This check-in has closed. Thank you.",
            "code": "Type the code shown on the screen",
            "join": "Join",
            "wrong_code": "That code does not match an open check-in.",
            "refused": "That did not work; nothing was counted. Please reload and try again.",
            "busy": "Many answers at once. Please wait a moment and try again.",
        },
        "es": {
            "title": "Ronda de ánimo",
            "tap": "Toca una imagen. Nadie sabrá cuál elegiste.",
            "thanks": "Gracias. Tu respuesta se ha contado.",
            "already": "Ya respondiste en esta ronda. Gracias.",
            "closed": "Esta ronda ya está cerrada. Gracias.",
            "code": "Escribe el código que aparece en la pantalla",
            "join": "Entrar",
            "wrong_code": "Ese código no corresponde a ninguna ronda abierta.",
            "refused": "No funcionó; no se contó nada. Recarga la página e inténtalo de nuevo.",
            "busy": "Hay muchas respuestas a la vez. Espera un momento e inténtalo de nuevo.",
        },
        "fr": {
            "title": "Tour d'humeur",
            "tap": "Touchez une image. Personne ne saura laquelle vous avez choisie.",
            "thanks": "Merci. Votre réponse a été comptée.",
            "already": "Vous avez déjà répondu à ce tour. Merci.",
            "closed": "Ce tour est terminé. Merci.",
            "code": "Tapez le code affiché à l'écran",
            "join": "Entrer",
            "wrong_code": "Ce code ne correspond à aucun tour ouvert.",
            "refused": "Cela n'a pas marché ; rien n'a été compté. Rechargez la page et réessayez.",
            "busy": "Beaucoup de réponses en même temps. Patientez un instant et réessayez.",
        },
        "ar": {
            "title": "جولة الاطمئنان",
            "tap": "اضغط على صورة واحدة. لن يعرف أحد ما اخترت.",
            "thanks": "شكرًا لك. تم احتساب إجابتك.",
            "already": "لقد أجبت بالفعل في هذه الجولة. شكرًا لك.",
            "closed": "انتهت هذه الجولة. شكرًا لك.",
            "code": "اكتب الرمز الظاهر على الشاشة",
            "join": "دخول",
            "wrong_code": "هذا الرمز لا يطابق أي جولة مفتوحة.",
            "refused": "لم ينجح ذلك ولم يُحتسب شيء. أعد تحميل الصفحة وحاول مرة أخرى.",
            "busy": "إجابات كثيرة في وقت واحد. انتظر قليلًا ثم حاول مرة أخرى.",
        },
        "uk": {
            "title": "Як ви?",
            "tap": "Торкніться однієї картинки. Ніхто не дізнається, яку ви обрали.",
            "thanks": "Дякуємо. Вашу відповідь зараховано.",
            "already": "Ви вже відповіли в цьому колі. Дякуємо.",
            "closed": "Це коло вже закрито. Дякуємо.",
            "code": "Введіть код, показаний на екрані",
            "join": "Увійти",
            "wrong_code": "Цей код не відповідає жодному відкритому колу.",
            "refused": "Не вдалося; нічого не зараховано. Оновіть сторінку й спробуйте ще раз.",
            "busy": "Забагато відповідей одночасно. Зачекайте трохи й спробуйте ще раз.",
        },
        "zh": {
            "title": "心情签到",
            "tap": "点一张图片。没有人会知道你选了哪一个。",
            "thanks": "谢谢。你的回答已计入。",
            "already": "你已经回答过这一轮了。谢谢。",
            "closed": "这一轮已经结束。谢谢。",
            "code": "输入屏幕上显示的代码",
            "join": "进入",
            "wrong_code": "这个代码没有对应正在进行的签到。",
            "refused": "没有成功，什么也没有计入。请刷新页面再试一次。",
            "busy": "同时回答的人很多。请稍等片刻再试。",
        },
    }
)

_SVG_IDS = re.compile(r'\s(?:id|class)="[^"]*"')
_SPACES = re.compile(r">\s+<")
_STYLE: Final = (
    "*{box-sizing:border-box}"
    "body{margin:0;padding:16px;font:18px/1.4 system-ui,sans-serif;background:#f6f4ef;"
    "color:#1F2328;text-align:center}"
    "h1{font-size:22px;margin:8px 0 4px}p{margin:8px 0 16px}"
    "form.o{display:grid;grid-template-columns:repeat(auto-fit,minmax(140px,1fr));gap:12px}"
    "button{font:inherit;color:#1F2328;border:2px solid #0002;border-radius:16px;padding:12px;"
    "min-height:120px;display:flex;flex-direction:column;align-items:center;gap:6px}"
    "button svg{width:72px;height:72px}"
    ".msg{font-size:24px;margin-top:30vh}"
    "input{font:inherit;font-size:28px;width:8em;text-align:center;letter-spacing:.2em;"
    "padding:8px;border-radius:10px;border:2px solid #0004;text-transform:uppercase}"
    "form.c button{min-height:0;display:inline-block;margin:12px;padding:10px 24px}"
)


def text(lang: str, key: str) -> str:
    """A phone text in `lang`, or in English when the language is not one we write in."""
    table = TEXTS.get(language_of(lang)) or TEXTS["en"]
    return table[key]


class PictureSource:
    """Reads and trims bundled pictogram SVGs once, so a page can inline them cheaply."""

    def __init__(self, folder: Path) -> None:
        self._folder = folder
        self._cache: dict[str, str] = {}

    def svg(self, code: str) -> str:
        """The picture's SVG markup, or an empty string when there is none for this code."""
        if code in self._cache:
            return self._cache[code]
        markup = ""
        if re.fullmatch(r"[0-9A-F]{4,6}(?:-[0-9A-F]{4,6})*", code):
            path = self._folder / f"{code}.svg"
            if path.is_file():
                raw = path.read_text(encoding="utf-8")
                markup = _SPACES.sub("><", _SVG_IDS.sub("", raw)).strip()
                markup = markup.replace("<svg ", '<svg aria-hidden="true" ', 1)
        self._cache[code] = markup
        return markup


def _document(lang: str, body: str) -> str:
    code = language_of(lang)
    direction = "rtl" if is_rtl(code) else "ltr"
    return (
        f'<!doctype html><html lang="{code}" dir="{direction}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        '<meta name="referrer" content="same-origin">'
        f"<title>{html.escape(text(code, 'title'))}</title><style>{_STYLE}</style></head>"
        f"<body>{body}</body></html>"
    )


def answer_page(scale: Scale, lang: str, action: str, ballot: str, pictures: PictureSource) -> str:
    """The question and one big button per option; the ballot is spent by the first answer."""
    buttons = []
    for option in scale.options:
        label = html.escape(option.label(lang))
        buttons.append(
            f'<button type="submit" name="option" value="{html.escape(option.key)}" '
            f'style="background:{html.escape(option.colour)}">'
            f"{pictures.svg(option.picture)}<span>{label}</span></button>"
        )
    body = (
        f"<h1>{html.escape(scale.question(lang))}</h1><p>{html.escape(text(lang, 'tap'))}</p>"
        f'<form class="o" method="post" action="{html.escape(action)}">'
        f'<input type="hidden" name="ballot" value="{html.escape(ballot)}">'
        f"{''.join(buttons)}</form>"
    )
    return _document(lang, body)


def message_page(lang: str, key: str) -> str:
    """A one-line page: thank you, already answered, closed, refused or busy."""
    return _document(lang, f'<p class="msg" role="status">{html.escape(text(lang, key))}</p>')


def code_page(lang: str, *, wrong: bool = False) -> str:
    """Where a phone that typed the short address enters the code shown on the projector."""
    warning = f'<p role="alert">{html.escape(text(lang, "wrong_code"))}</p>' if wrong else ""
    body = (
        f"<h1>{html.escape(text(lang, 'code'))}</h1>{warning}"
        '<form class="c" method="get" action="/join">'
        '<input name="code" maxlength="8" autocomplete="off" autocapitalize="characters" '
        'spellcheck="false" required><br>'
        f'<button type="submit">{html.escape(text(lang, "join"))}</button></form>'
    )
    return _document(lang, body)
