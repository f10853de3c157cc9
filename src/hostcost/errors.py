"""One error family. Each error carries the exit code the command line ends with."""

from __future__ import annotations

from enum import IntEnum


class ExitStatus(IntEnum):
    """The exit codes of the command line (README, "Exit codes")."""

    SUCCESS = 0
    NO = 1  # the command ran and the answer is "no"
    BAD_INPUT = 2  # bad input or usage
    INTERNAL = 70  # a bug in hostcost (EX_SOFTWARE)
    CANNOT_WRITE = 74  # the output could not be written: a full disk, a closed stdout (EX_IOERR)
    INTERRUPTED = 130  # Ctrl-C (SIGINT): 128 + 2
    TERMINATED = 143  # SIGTERM: 128 + 15


class Terminated(BaseException):
    """SIGTERM, SIGHUP, SIGQUIT or SIGUSR1 (``args[0]``, its number), raised where the program is,
    so that a file being written is removed on the way out; the exit status is 128 + the number."""


class HostcostError(Exception):
    """Base of every error hostcost raises on purpose. The message is one line for the user."""

    exit_status: ExitStatus = ExitStatus.BAD_INPUT


class InputError(HostcostError):
    """Input that cannot be used: names the value and says what was expected."""


class AmountError(InputError):
    """Text that is not an amount, or an amount that is not allowed where it was given."""


class CurrencyError(InputError):
    """A currency code that is not a currency, or one that has no exchange rate."""


class RateError(InputError):
    """An exchange rate that is not a positive, finite number."""


class DataError(HostcostError):
    """Built-in or file data that does not hold together."""


class NoSolution(HostcostError):
    """No value of the input reaches the target: the answer is "no" (exit 1)."""

    exit_status = ExitStatus.NO


class MissingExtra(HostcostError, ImportError):
    """An optional library a feature needs is not installed; the message says how to install it."""
