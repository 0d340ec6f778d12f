"""Factories for the case-study app (wagtail-factories for pages, factory_boy for the rest)."""
import datetime

import factory
import wagtail_factories
from django.contrib.auth.models import Group

from casestudies.models import CaseStudyContact, CaseStudyIndexPage, CaseStudyPage, Stakeholder
from tests.factories import MemberAreaFactory, PersonFactory, UserFactory


def section(text):
    return {"text": f"<p>{text}</p>"}


def default_body():
    """The two sections every case needs: context and result."""
    return [
        ("context", section("The shopping street lost footfall and nobody owned the problem.")),
        ("result", {"text": "<p>More visitors on market days.</p>",
                    "figures": [{"value": "+12%", "label": "footfall on Saturdays"}]}),
    ]


def user_in(group_name, username, areas=()):
    """A user in the group ``group_name``; with ``areas``, linked to a directory person there."""
    user = UserFactory(username=username)
    user.groups.add(Group.objects.get(name=group_name))
    if areas:
        PersonFactory(name=username.title(), areas=list(areas), user=user)
    return user


class CaseStudyIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CaseStudyIndexPage

    title = "Case studies"
    slug = "case-studies"
    intro = "What member areas did, how, and with what result."


class CaseStudyPageFactory(wagtail_factories.PageFactory):
    """A case study, published through a real revision (as the admin does) unless live=False.

    ``areas``, ``themes``, ``stakeholders`` (codes) and ``contacts`` (people) are lists;
    ``tags`` is a list of tag names.
    """

    class Meta:
        model = CaseStudyPage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Case study {n}")
    slug = factory.Sequence(lambda n: f"case-study-{n}")
    summary = "A centre tried something new and measured what happened."
    period_start = datetime.date(2022, 3, 1)
    period_end = datetime.date(2023, 6, 30)
    body = factory.LazyFunction(default_body)
    live = True
    areas = factory.LazyFunction(lambda: [MemberAreaFactory()])
    themes = factory.LazyFunction(list)
    stakeholders = ()
    contacts = None

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        # Child objects and parental many-to-many values are set in memory before the first
        # save, as the admin form does, so validation ("a contact person") sees them.
        people = kwargs.pop("contacts", None)
        if people is None:
            people = [PersonFactory(areas=list(kwargs.get("areas") or []))]
        kwargs["contacts"] = [CaseStudyContact(person=person) for person in people]
        kwargs["stakeholders"] = list(Stakeholder.objects.filter(code__in=kwargs.get("stakeholders") or ()))
        return super()._create(model_class, *args, **kwargs)

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if create and extracted:
            self.tags.add(*extracted)
            self.save()

    @factory.post_generation
    def publish(self, create, extracted, **kwargs):
        # Publishing through a revision sets first_published_at and live_revision, like the admin.
        if create and self.live and extracted is not False:
            self.save_revision().publish()
