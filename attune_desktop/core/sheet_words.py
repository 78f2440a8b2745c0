"""The fixed words printed on a routine sheet, in each language a family can choose.

A family writes its own step words; these are the few words around them (the sheet's kind,
"Done", "Me" and "You", the days of the week) so a parent who reads Arabic gets a whole sheet
in Arabic. Written for this project; plural rules are handled where a language needs them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from attune_desktop.core.i18n import RTL_CODES, SOURCE_LANGUAGE
from attune_desktop.core.models import TimeOfDay

DEFAULT_LANGUAGE = SOURCE_LANGUAGE  # the room's languages: the one list in core.i18n
RTL_LANGUAGES = RTL_CODES


@dataclass(frozen=True)
class SheetWords:
    """Every fixed word a sheet uses, in one language."""

    code: str
    name: str  # the language's own name, for a picker
    english_name: str
    titles: dict[str, str]  # TimeOfDay value -> the sheet's kind ("Morning routine")
    done: str
    me: str
    you: str
    weekdays: tuple[str, str, str, str, str, str, str]  # Monday first
    week_of: str
    this_week: str
    continued: str
    step: str
    minutes: Callable[[int], str]
    pictures_by: str  # "Pictures:" before the attribution line

    @property
    def rtl(self) -> bool:
        return self.code in RTL_LANGUAGES

    def title_for(self, time_of_day: str) -> str:
        return self.titles.get(time_of_day, self.titles[TimeOfDay.ANYTIME.value])


def _ar_minutes(n: int) -> str:
    if n == 1:
        return "دقيقة واحدة"
    if n == 2:
        return "دقيقتان"
    if 3 <= n <= 10:
        return f"{n} دقائق"
    return f"{n} دقيقة"


def _uk_minutes(n: int) -> str:
    if n % 10 == 1 and n % 100 != 11:
        return f"{n} хвилина"
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return f"{n} хвилини"
    return f"{n} хвилин"


def _titles(
    morning: str, after_school: str, evening: str, bedtime: str, anytime: str
) -> dict[str, str]:
    return {
        TimeOfDay.MORNING.value: morning,
        TimeOfDay.AFTER_SCHOOL.value: after_school,
        TimeOfDay.EVENING.value: evening,
        TimeOfDay.BEDTIME.value: bedtime,
        TimeOfDay.ANYTIME.value: anytime,
    }


def _all_languages() -> dict[str, SheetWords]:
    languages = [
        SheetWords(
            code="en",
            name="English",
            english_name="English",
            titles=_titles(
                "Morning routine",
                "After-school routine",
                "Evening ritual",
                "Bedtime routine",
                "Our routine",
            ),
            done="Done",
            me="Me",
            you="You",
            weekdays=("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
            week_of="Week of",
            this_week="This week",
            continued="continued",
            step="Step",
            minutes=lambda n: f"{n} minute" if n == 1 else f"{n} minutes",
            pictures_by="Pictures:",
        ),
        SheetWords(
            code="es",
            name="Español",
            english_name="Spanish",
            titles=_titles(
                "Rutina de la mañana",
                "Rutina después de la escuela",
                "Ritual de la noche",
                "Rutina para dormir",
                "Nuestra rutina",
            ),
            done="Hecho",
            me="Yo",
            you="Tú",
            weekdays=("Lun", "Mar", "Mié", "Jue", "Vie", "Sáb", "Dom"),
            week_of="Semana del",
            this_week="Esta semana",
            continued="continuación",
            step="Paso",
            minutes=lambda n: f"{n} minuto" if n == 1 else f"{n} minutos",
            pictures_by="Imágenes:",
        ),
        SheetWords(
            code="fr",
            name="Français",
            english_name="French",
            titles=_titles(
                "Routine du matin",
                "Routine après l’école",
                "Rituel du soir",
                "Routine du coucher",
                "Notre routine",
            ),
            done="Fait",
            me="Moi",
            you="Toi",
            weekdays=("Lun", "Mar", "Mer", "Jeu", "Ven", "Sam", "Dim"),
            week_of="Semaine du",
            this_week="Cette semaine",
            continued="suite",
            step="Étape",
            minutes=lambda n: f"{n} minute" if n == 1 else f"{n} minutes",
            pictures_by="Images :",
        ),
        SheetWords(
            code="ar",
            name="العربية",
            english_name="Arabic",
            titles=_titles(
                "روتين الصباح",
                "روتين بعد المدرسة",
                "طقوس المساء",
                "روتين وقت النوم",
                "روتيننا",
            ),
            done="تم",
            me="أنا",
            you="أنت",
            weekdays=("الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"),
            week_of="أسبوع يبدأ في",
            this_week="هذا الأسبوع",
            continued="تابع",
            step="خطوة",
            minutes=_ar_minutes,
            pictures_by="الصور:",
        ),
        SheetWords(
            code="uk",
            name="Українська",
            english_name="Ukrainian",
            titles=_titles(
                "Ранковий розпорядок",
                "Після школи",
                "Вечірній ритуал",
                "Розпорядок перед сном",
                "Наш розпорядок",
            ),
            done="Готово",
            me="Я",
            you="Ти",
            weekdays=("Пн", "Вт", "Ср", "Чт", "Пт", "Сб", "Нд"),
            week_of="Тиждень від",
            this_week="Цей тиждень",
            continued="продовження",
            step="Крок",
            minutes=_uk_minutes,
            pictures_by="Малюнки:",
        ),
        SheetWords(
            code="zh",
            name="中文（简体）",
            english_name="Chinese (Simplified)",
            titles=_titles("早晨作息", "放学后作息", "晚间亲子时光", "睡前作息", "我们的作息"),
            done="完成",
            me="我",
            you="你",
            weekdays=("周一", "周二", "周三", "周四", "周五", "周六", "周日"),
            week_of="本周开始日期",
            this_week="本周",
            continued="续",
            step="步骤",
            minutes=lambda n: f"{n} 分钟",
            pictures_by="图片：",
        ),
    ]
    return {words.code: words for words in languages}


_LANGUAGES: Mapping[str, SheetWords] = MappingProxyType(_all_languages())
LANGUAGE_CODES: tuple[str, ...] = tuple(_LANGUAGES)


def words_for(code: str) -> SheetWords:
    """The sheet words for a language code ('es', 'es-MX', 'AR'); English when unknown."""
    base = code.strip().lower().replace("_", "-").split("-")[0]
    return _LANGUAGES.get(base, _LANGUAGES[DEFAULT_LANGUAGE])


def is_supported(code: str) -> bool:
    return code.strip().lower().replace("_", "-").split("-")[0] in _LANGUAGES


def languages() -> list[SheetWords]:
    return list(_LANGUAGES.values())


def strip_speaker(line: str, words: SheetWords) -> str:
    """A caregiver line without a leading "me:" the family wrote (the sheet prints its own)."""
    text = line.strip()
    for marker in (":", "："):
        head, sep, rest = text.partition(marker)
        if sep and head.strip().lower() in _SPEAKER_WORDS:
            return rest.strip()
    return text


_SPEAKER_WORDS = frozenset(
    word.lower() for words in _LANGUAGES.values() for word in (words.me,)
) | frozenset({"me", "yo", "moi", "أنا", "я", "我"})


@dataclass(frozen=True)
class TakeHomeWords:
    """The fixed words of the take-home card "what we practised today", in one language."""

    code: str
    heading: str
    try_at_home: str
    nothing_practised: str
    breathe_in: str
    hold: str
    breathe_out: str
    this_week: str
    invitation: str
    seconds: Callable[[float], str]


def _take_home_languages() -> dict[str, TakeHomeWords]:
    cards = [
        TakeHomeWords(
            "en",
            "What we practised today",
            "Try it at home, together",
            "Today we talked and listened together.",
            "Breathe in",
            "Hold",
            "Breathe out",
            "This week",
            "Notice one moment your child's face lights up, and check back in next time.",
            lambda s: f"{s:g} s",
        ),
        TakeHomeWords(
            "es",
            "Lo que practicamos hoy",
            "Pruébalo en casa, juntos",
            "Hoy hablamos y nos escuchamos.",
            "Inhala",
            "Mantén",
            "Exhala",
            "Esta semana",
            "Fíjate en un momento en que la cara de tu hijo o hija se ilumina, "
            "y cuéntanoslo la próxima vez.",
            lambda s: f"{s:g} s",
        ),
        TakeHomeWords(
            "fr",
            "Ce que nous avons pratiqué aujourd’hui",
            "À essayer à la maison, ensemble",
            "Aujourd’hui, nous avons parlé et écouté ensemble.",
            "Inspirez",
            "Retenez",
            "Expirez",
            "Cette semaine",
            "Remarquez un moment où le visage de votre enfant s’illumine, "
            "et racontez-le-nous la prochaine fois.",
            lambda s: f"{s:g} s",
        ),
        TakeHomeWords(
            "ar",
            "ما تدرّبنا عليه اليوم",
            "جرّبوه في البيت معًا",
            "تحدّثنا واستمعنا معًا اليوم.",
            "شهيق",
            "احبس",
            "زفير",
            "هذا الأسبوع",
            "لاحظ لحظة واحدة يُشرق فيها وجه طفلك، وشاركنا بها في المرة القادمة.",
            lambda s: f"{s:g} ث",
        ),
        TakeHomeWords(
            "uk",
            "Що ми сьогодні практикували",
            "Спробуйте вдома разом",
            "Сьогодні ми говорили й слухали одне одного.",
            "Вдих",
            "Затримка",
            "Видих",
            "Цього тижня",
            "Помітьте одну мить, коли обличчя вашої дитини засяє, "
            "і розкажіть нам про це наступного разу.",
            lambda s: f"{s:g} с",
        ),
        TakeHomeWords(
            "zh",
            "今天我们练习了什么",
            "在家一起试试",
            "今天我们一起交谈和倾听。",
            "吸气",
            "屏息",
            "呼气",
            "本周",
            "留意孩子脸上露出光彩的一个瞬间，下次来告诉我们。",
            lambda s: f"{s:g} 秒",
        ),
    ]
    return {card.code: card for card in cards}


_TAKE_HOME: Mapping[str, TakeHomeWords] = MappingProxyType(_take_home_languages())


def take_home_words(code: str) -> TakeHomeWords:
    """The take-home card's words for a language code; English when unknown."""
    return _TAKE_HOME.get(words_for(code).code, _TAKE_HOME[DEFAULT_LANGUAGE])
