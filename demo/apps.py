from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo commune (`seed_demo`) and the load-test data set (`generate_data`).

    It sits on top of every other app and is the only one allowed to import them all: it fills
    them with fiction through their own functions (seed) or straight into their tables (generator).
    """

    name = "demo"
