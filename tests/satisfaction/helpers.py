import re


def is_checked(page: str, input_id: str) -> bool:
    """Whether the radio button with this id is rendered checked."""
    tag = re.search(rf'<input[^>]*id="{re.escape(input_id)}"[^>]*>', page)
    return tag is not None and re.search(r"\schecked[\s>]", tag.group(0)) is not None
