"""Factories for the network core, shared by every app's tests."""
import factory
from django.contrib.auth import get_user_model
from factory.django import DjangoModelFactory

from network.models import (
    AreaKind,
    Country,
    MemberArea,
    Organisation,
    OrganisationKind,
    Person,
    PersonRole,
    Theme,
)


class UserFactory(DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"member{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    password = factory.django.Password("correct horse battery")


class ThemeFactory(DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Theme {n}")
    slug = factory.Sequence(lambda n: f"theme-{n}")
    description = "What members do about it."


class MemberAreaFactory(DjangoModelFactory):
    class Meta:
        model = MemberArea
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Centre {n}")
    slug = factory.Sequence(lambda n: f"centre-{n}")
    municipality = factory.LazyAttribute(lambda o: o.name)
    country = Country.NETHERLANDS
    region = "South Holland"
    kind = AreaKind.CITY_CENTRE
    profile = "A compact historic centre with a weekly market."


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Centre organisation {n}")
    kind = OrganisationKind.CENTRE_ORGANISATION
    area = factory.SubFactory(MemberAreaFactory)


class PersonFactory(DjangoModelFactory):
    class Meta:
        model = Person
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Person {n}")
    role = PersonRole.CENTRE_MANAGER
    email = factory.Sequence(lambda n: f"person{n}@centre.example")
    phone = "+31 6 1234 5678"

    @factory.post_generation
    def areas(self, create, extracted, **kwargs):
        if create and extracted:
            self.areas.set(extracted)
            self.save()

    @factory.post_generation
    def expertise(self, create, extracted, **kwargs):
        if create and extracted:
            self.expertise.set(extracted)
            self.save()
