# SPDX-License-Identifier: GPL-2.0
"""Filters of the kmend.livepatch collection: reading `kmend status --json`
(docs/status.md in kmend's repository) and the fields of patch packages."""

import re

DOCUMENTATION = r"""
name: livepatch
short_description: kmend status and patch package filters
description:
  - patch_level(STATUS, PACKAGE) is the version of PACKAGE's installed patch in STATUS, or "".
  - at_level(STATUS, PACKAGE, VERSION) is true when every installed patch is active and PACKAGE's at VERSION among them.
  - pick_deb(FIELDS, PACKAGE, VERSION, KERNEL) is the path of the package whose dpkg-deb fields say PACKAGE, VERSION
    and Depends on linux-image-KERNEL, or "".
  - rollout_summary(HOSTVARS, HOSTS) is one line per host from its kmend_rollout_report fact.
"""


def _installed(status, package):
    for patch in status.get("patches", []):
        pkg = patch.get("package")
        if patch.get("installed") and pkg and pkg.get("name") == package:
            yield patch


def patch_level(status, package):
    """The version of PACKAGE's installed patch, "" when none is installed."""
    for patch in _installed(status or {}, package):
        return patch["package"]["version"]
    return ""


def at_level(status, package, version):
    """Every installed patch active, PACKAGE's among them at VERSION."""
    status = status or {}
    return bool(status.get("all_active")) and any(
        p["active"] and p["package"]["version"] == version
        for p in _installed(status, package))


def _field(text, name):
    match = re.search(r"^%s: (.*)$" % re.escape(name), text, re.M)
    return match.group(1).strip() if match else ""


def pick_deb(results, package, version, kernel):
    """The .deb of PACKAGE at VERSION built for KERNEL, from the results of
    `dpkg-deb --field FILE Package Version Depends` run over the files."""
    wanted = "linux-image-" + kernel
    for result in results or []:
        text = result.get("stdout", "")
        depends = [d.strip().split(" ")[0] for d in _field(text, "Depends").split(",")]
        if (_field(text, "Package") == package and _field(text, "Version") == version
                and wanted in depends):
            return result["item"]["path"]
    return ""


def rollout_summary(hostvars, hosts):
    """One line per host: its result, kernel, level and message."""
    lines = []
    for host in hosts:
        report = hostvars[host].get("kmend_rollout_report")
        if not report:
            lines.append("%s: not reached" % host)
            continue
        lines.append("%s: %s (kernel %s, level %s): %s" % (
            host, report["result"], report["kernel"], report["level"] or "none",
            report["message"]))
    return lines


class FilterModule:
    """kmend.livepatch filters."""

    def filters(self):
        return {
            "patch_level": patch_level,
            "at_level": at_level,
            "pick_deb": pick_deb,
            "rollout_summary": rollout_summary,
        }
