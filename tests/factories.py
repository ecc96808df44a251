"""factory_boy factories with traits: `TicketFactory(resolved=True)`.

Tickets built here reach their state through the workflow module whenever a trait asks for
a status, so the factories never write a status the workflow could not have written.
"""

import datetime

import factory
from django.utils import timezone

from accounts.models import Role, User
from requests_app import intake, workflow
from requests_app.models import Category, Channel, Kind, Service, Ticket


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.fr")
    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Faker("last_name", locale="fr_FR")
    role = Role.CITIZEN
    email_verified_at = factory.LazyFunction(timezone.now)
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery staple")

    @factory.post_generation
    def services(self, create, extracted, **kwargs):
        if create and extracted:
            self.services.set(extracted)
        if create:
            self.save()


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Service {n}")
    slug = factory.Sequence(lambda n: f"service-{n}")
    email = factory.LazyAttribute(lambda o: f"{o.slug}@mairie.example")

    class Params:
        triage = factory.Trait(is_triage=True, name="Accueil et orientation", slug="accueil")


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    service = factory.SubFactory(ServiceFactory)
    name = factory.Sequence(lambda n: f"Catégorie {n}")
    kind = Kind.REPORT
    sla_days = 10
    service_code = factory.Sequence(lambda n: f"code-{n}")


class TicketFactory(factory.Factory):
    """Opens a ticket through intake, then walks it through the workflow to the asked state."""

    class Meta:
        model = Ticket

    category = factory.SubFactory(CategoryFactory)
    channel = Channel.WEB
    kind = Kind.REPORT
    subject = factory.Sequence(lambda n: f"Nid-de-poule rue de la République n°{n}")
    description = "Un trou profond s'est formé devant le numéro 12, dangereux pour les vélos."
    citizen = None
    contact_email = factory.Sequence(lambda n: f"usager{n}@example.fr")
    contact_name = "Camille Martin"
    agent = None  # who works it when a trait needs an agent
    target = "received"  # the status the traits below walk the ticket to

    class Params:
        in_progress = factory.Trait(target="in_progress")
        awaiting = factory.Trait(target="awaiting_citizen")
        resolved = factory.Trait(target="resolved")
        closed = factory.Trait(target="closed")
        rejected = factory.Trait(target="rejected")

    @classmethod
    def _create(cls, model_class, *, category, agent, target, **kwargs):
        ticket, token = intake.open_ticket(intake.Filing(category=category, **kwargs))
        ticket.token = token
        if target == "received":
            return ticket
        if agent is None:
            agent = UserFactory(role=Role.AGENT, services=[ticket.service])
        if target in {"in_progress", "awaiting_citizen", "resolved", "closed"}:
            workflow.take_ticket(ticket.pk, by=agent)
        if target == "awaiting_citizen":
            workflow.request_information(ticket.pk, by=agent, body="Pouvez-vous préciser l'adresse exacte ?")
        if target in {"resolved", "closed"}:
            workflow.resolve_ticket(ticket.pk, by=agent, body="Le trou a été rebouché ce matin.")
        if target == "closed":
            workflow.close_ticket(ticket.pk, by=agent)
        if target == "rejected":
            workflow.reject_ticket(ticket.pk, by=agent, reason="Cette voie relève du Département.")
        refreshed = Ticket.objects.get(pk=ticket.pk)
        refreshed.token = token
        return refreshed

    @classmethod
    def _build(cls, model_class, *args, **kwargs):
        raise NotImplementedError("Tickets only exist through intake: use TicketFactory() or .create().")


def days_ago(days: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days)
