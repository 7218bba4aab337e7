"""Every management command of the project prints its help: IT reads `manage.py help NAME` before
running a command on the server."""

import io
from contextlib import redirect_stdout

import pytest
from django.core.management import get_commands
from django.core.management.base import BaseCommand

PROJECT_APPS = ("cms", "home", "campaigns", "plans", "search")
COMMANDS = sorted(name for name, app in get_commands().items() if app in PROJECT_APPS)


def test_the_project_has_its_commands():
    assert {"backup", "restore", "load_demo", "set_public_url", "schedule_status"} <= set(COMMANDS)


@pytest.mark.parametrize("name", COMMANDS)
def test_help_prints(name):
    from django.core.management import load_command_class

    command: BaseCommand = load_command_class(get_commands()[name], name)
    out = io.StringIO()
    with redirect_stdout(out):
        command.print_help("manage.py", name)
    assert f"usage: manage.py {name}" in out.getvalue()
    assert str(command.help).split()[0] in out.getvalue()
