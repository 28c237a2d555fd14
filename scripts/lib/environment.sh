# Sourced by scripts/present and scripts/test: the Python environment briefing runs in.
#
# An active virtual environment ($VIRTUAL_ENV) is used as it is. Otherwise the project's
# .venv, made on first use from the first Python 3.11+ on PATH ($PYTHON, python3,
# python3.13 ...): Debian's and Ubuntu's system Python refuse `pip install` outside a
# virtual environment (PEP 668), pyenv's and conda's accept either. The .venv sees that
# Python's own packages (--system-site-packages), so a Python that already has briefing's
# dependencies (CI's) installs nothing but briefing itself. briefing is installed in
# editable mode once; it is installed again only when pyproject.toml changes.

BRIEFING_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

say() { printf 'briefing: %s\n' "$*" >&2; }

is_python_311() { "$1" -c 'import sys; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1; }

find_python() {
    local candidate
    for candidate in ${PYTHON:-} python3 python3.14 python3.13 python3.12 python3.11; do
        if command -v "$candidate" >/dev/null 2>&1 && is_python_311 "$candidate"; then
            command -v "$candidate"
            return 0
        fi
    done
    say "briefing needs Python 3.11 or newer and found none on PATH (python3: $(python3 --version 2>&1 || echo none))."
    say "Install one (your distribution's python3.11, pyenv or conda), or name it: PYTHON=/path/to/python3.11 $0"
    return 1
}

make_venv() {
    local folder=$1 python
    python=$(find_python) || return 1
    say "making $folder with $python ($("$python" --version 2>&1)), once"
    if ! "$python" -m venv --system-site-packages "$folder"; then
        rm -rf "$folder"
        say "$python cannot make a virtual environment: on Debian or Ubuntu install python3-venv"
        say "(apt-get install python3-venv, or python3.11-venv), or use a Python from pyenv or conda"
        return 1
    fi
}

# use_environment [EXTRA]: make and fill the environment (briefing, plus the EXTRA
# dependencies, e.g. test) unless that was done already, and activate it: BRIEFING_ENV and
# VIRTUAL_ENV name it and its bin/ leads PATH, so `briefing` and `pre-commit` are its own.
use_environment() {
    local extra=${1:-} python stamp wanted this_checkout
    if [ -n "${VIRTUAL_ENV:-}" ] && [ -x "$VIRTUAL_ENV/bin/python" ]; then
        BRIEFING_ENV=$VIRTUAL_ENV
        if ! is_python_311 "$BRIEFING_ENV/bin/python"; then
            say "the active virtual environment $BRIEFING_ENV has $("$BRIEFING_ENV/bin/python" --version 2>&1); briefing needs 3.11+ (deactivate it to use the project's .venv)"
            return 1
        fi
    else
        BRIEFING_ENV=$BRIEFING_ROOT/.venv
        if ! is_python_311 "$BRIEFING_ENV/bin/python"; then
            if [ -e "$BRIEFING_ENV" ]; then
                say "$BRIEFING_ENV has no working Python 3.11+ (made elsewhere, or its Python is gone): making it again"
                rm -rf "$BRIEFING_ENV"
            fi
            make_venv "$BRIEFING_ENV" || return 1
        fi
    fi
    export VIRTUAL_ENV=$BRIEFING_ENV PATH=$BRIEFING_ENV/bin:$PATH
    python=$BRIEFING_ENV/bin/python
    stamp=$BRIEFING_ENV/.briefing-installed
    # One line per install: pyproject.toml's checksum, the checkout, the extra. The test
    # extra holds everything briefing needs, so it serves a plain run as well.
    this_checkout="$(cksum < "$BRIEFING_ROOT/pyproject.toml") $BRIEFING_ROOT ["
    wanted="$this_checkout$extra]"
    if grep -qxF "$wanted" "$stamp" 2>/dev/null || { [ -z "$extra" ] && grep -qF "$this_checkout" "$stamp" 2>/dev/null; }; then
        return 0
    fi
    say "installing briefing${extra:+ and its $extra dependencies} into $BRIEFING_ENV, once"
    if ! "$python" -m pip install -q -e "$BRIEFING_ROOT${extra:+[$extra]}"; then
        say "pip could not install briefing into $BRIEFING_ENV: see its message above"
        return 1
    fi
    printf '%s\n' "$wanted" >> "$stamp"
}
