"""Only the wheel's tag lives here: the package is pure Python, but it carries a Linux binary, so
the wheel is ``py3-none-<platform>``, the platform (manylinux_2_NN_ARCH, from the binary's glibc
symbols) chosen by scripts/build-wheel in CCMSH_WHEEL_PLATFORM."""

import os

from setuptools import setup

try:
    from setuptools.command.bdist_wheel import bdist_wheel
except ImportError:  # setuptools before 70.1
    from wheel.bdist_wheel import bdist_wheel


class PlatformWheel(bdist_wheel):
    def finalize_options(self):
        super().finalize_options()
        self.root_is_pure = False

    def get_tag(self):
        platform = os.environ.get("CCMSH_WHEEL_PLATFORM")
        if not platform:
            raise SystemExit("CCMSH_WHEEL_PLATFORM is not set: build the wheel with "
                             "scripts/build-wheel")
        return "py3", "none", platform


setup(cmdclass={"bdist_wheel": PlatformWheel})
