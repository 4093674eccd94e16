from articles.ingest.pipeline import _self_references


def test_self_reference_needs_told_to_start_a_word():
    body = "He told the Global Times on Monday; it foretold China Daily readers a fall."
    assert _self_references(body) == ["Global Times"]


def test_self_reference_at_the_start_of_the_body():
    assert _self_references("told China Daily on Monday") == ["China Daily"]
