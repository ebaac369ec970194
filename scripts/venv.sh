#!/bin/sh
# Create the project's venv from requirements.lock: with uv when it can be installed (seconds), else
# with pip (about a minute). Either way the venv holds exactly the versions the lock pins; uv's own
# version is read from the lock too, so the lock stays the single source of versions.
#
#   sh scripts/venv.sh [PYTHON] [VENV]        (what `make venv` runs; defaults: python3 .venv)
set -eu

python=${1:-python3}
venv=${2:-.venv}
lock=requirements.lock
uv_version=$(sed -n 's/^uv==//p' "$lock")
uv_home=.cache/uv-$uv_version  # bootstrap copy of uv, outside the venv so a rebuilt venv reuses it

# A line before each step: the first run takes from seconds to a minute, and silence looks like a hang.
step() {
    echo "venv: $*" >&2
}

bootstrap_uv() {
    [ -n "$uv_version" ] || return 1
    [ -x "$uv_home/bin/uv" ] && return 0
    step "installing uv $uv_version into $uv_home"
    # -qq: the pip that bootstraps uv may be configured with index locations it cannot use; only real
    # errors matter here, and any error means "fall back to pip".
    "$python" -m pip install -qq --disable-pip-version-check --target "$uv_home" "uv==$uv_version"
}

venv_with_uv() {
    uv=$uv_home/bin/uv
    step "creating $venv and installing the $(grep -c '==' "$lock") pinned packages of $lock with uv"
    # Bytecode is compiled at install (as pip does): with PYTHONDONTWRITEBYTECODE set, nothing else
    # would compile it, and every import of pandas would parse its sources again.
    UV_PYTHON_DOWNLOADS=never "$uv" venv --quiet --python "$(command -v "$python")" "$venv" &&
        "$uv" pip install --quiet --compile-bytecode --python "$venv/bin/python" -r "$lock" &&
        step "installing secstats itself (editable)" &&
        "$uv" pip install --quiet --python "$venv/bin/python" --no-deps --no-build-isolation -e .
}

venv_with_pip() {
    "$python" -m venv "$venv"
    step "installing the $(grep -c '==' "$lock") pinned packages of $lock with pip (about a minute)"
    "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$lock"
    "$venv/bin/pip" install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
}

step "creating $venv from $lock (one line per step; the first run takes up to a minute)"
rm -rf "$venv"
if bootstrap_uv 2>/dev/null && venv_with_uv; then
    echo "venv: $venv created with uv $uv_version from $lock"
else
    echo "venv: uv could not be used; creating $venv with pip (slower)" >&2
    rm -rf "$venv"
    venv_with_pip
    echo "venv: $venv created with pip from $lock"
fi
