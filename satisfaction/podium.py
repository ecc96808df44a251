"""The fifteen criteria of the "Podium de la Relation Client" (BearingPoint/Kantar), in three pillars.

Administrators choose which of them the survey asks (`BarometerQuestion.is_asked`); each is put
to the citizen as a short, plain statement answered on a 1-5 agreement scale.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Pillar:
    EXECUTION = "execution"
    LINK = "link"
    EMOTION = "emotion"


PILLAR_LABELS = {
    Pillar.EXECUTION: _("Execution"),
    Pillar.LINK: _("Relationship"),
    Pillar.EMOTION: _("Emotion"),
}


@dataclass(frozen=True)
class Criterion:
    code: str
    pillar: str
    name: Promise
    statement: Promise


CRITERIA = (
    Criterion(
        "multichannel",
        Pillar.EXECUTION,
        _("Multichannel coherence"),
        _("Whatever the way I contacted the town hall, I got the same answer."),
    ),
    Criterion(
        "traceability", Pillar.EXECUTION, _("Traceability"), _("I could follow where my request stood at every moment.")
    ),
    Criterion("digital_ux", Pillar.EXECUTION, _("Digital experience"), _("The website was simple to use.")),
    Criterion(
        "effort", Pillar.EXECUTION, _("Customer effort"), _("I did not have to repeat myself or chase the town hall.")
    ),
    Criterion("suitable_answer", Pillar.EXECUTION, _("Suitable answer"), _("The answer matched what I had asked.")),
    Criterion("clarity", Pillar.LINK, _("Clarity of content"), _("The messages I received were clear.")),
    Criterion("proactivity", Pillar.LINK, _("Proactivity"), _("The town hall kept me informed without my asking.")),
    Criterion("pedagogy", Pillar.LINK, _("Pedagogy"), _("I was told why things were done the way they were.")),
    Criterion("personalisation", Pillar.LINK, _("Personalisation"), _("My own situation was taken into account.")),
    Criterion("co_creation", Pillar.LINK, _("Co-creation"), _("I feel my opinion can help improve the service.")),
    Criterion("loyalty", Pillar.EMOTION, _("Loyalty"), _("I would contact the town hall the same way again.")),
    Criterion("surprise", Pillar.EMOTION, _("Surprise effect"), _("The service did better than I expected.")),
    Criterion("experience", Pillar.EMOTION, _("Experience"), _("Overall, dealing with the town hall was pleasant.")),
    Criterion(
        "responsibility", Pillar.EMOTION, _("Responsibility"), _("The town hall took responsibility for my request.")
    ),
    Criterion("autonomy", Pillar.EMOTION, _("Autonomy"), _("I could do what I needed on my own.")),
)
BY_CODE = {criterion.code: criterion for criterion in CRITERIA}
