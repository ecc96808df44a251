"""`{% render_panel panel %}`: a feature app's block on a page of the core (see `requests_app.hooks`)."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def render_panel(context, panel):
    block = context.template.engine.get_template(panel.template)
    with context.push(**panel.context):
        return block.render(context)
