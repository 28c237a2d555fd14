"""Every access decision: the presenter's uid drives, members of the group follow, anyone
else is refused with a reason the presenter can show."""

from __future__ import annotations

import os
import socket

import pytest

from briefing.session.share import access
from briefing.session.share.access import (
    AccessPolicy,
    Account,
    Group,
    Role,
    account_of,
    check_can_share_with,
    peer_credentials,
)
from briefing.session.share.errors import AccessDenied, ShareError

OPS = Group("ops", 4000)
ALICE = 1000
POLICY = AccessPolicy(presenter_uid=ALICE, group=OPS)


def test_the_presenters_own_uid_is_the_presenter():
    decision = POLICY.decide(Account(ALICE, "alice", frozenset({1000})))
    assert (decision.user, decision.role, decision.allowed) == ("alice", Role.PRESENTER, True)


def test_the_presenter_may_connect_even_when_shared_with_nobody():
    assert AccessPolicy(ALICE, None).decide(Account(ALICE, "alice")).role is Role.PRESENTER


def test_a_member_through_a_supplementary_group_follows():
    assert POLICY.decide(Account(1001, "bob", frozenset({1001, 4000}))).role is Role.FOLLOWER


def test_a_member_through_the_primary_group_follows():
    # os.getgrouplist includes the passwd entry's primary gid, so this is the same check
    assert POLICY.decide(Account(1002, "carol", frozenset({4000}))).role is Role.FOLLOWER


def test_an_outsider_is_refused_naming_the_group():
    decision = POLICY.decide(Account(1003, "dave", frozenset({1003, 27})))
    assert not decision.allowed
    assert (decision.user, decision.reason) == ("dave", "not in group ops")


def test_a_uid_without_a_user_entry_is_refused_by_number():
    decision = POLICY.decide(Account(4242, None))
    assert not decision.allowed
    assert decision.user == "uid 4242"
    assert "no user entry" in decision.reason


def test_nobody_but_the_presenter_gets_in_when_not_shared_with_a_group():
    decision = AccessPolicy(ALICE, None).decide(Account(1001, "bob", frozenset({4000})))
    assert not decision.allowed
    assert "not shared" in decision.reason


def test_root_is_not_a_member_by_being_root():
    assert not POLICY.decide(Account(0, "root", frozenset({0}))).allowed


def test_account_of_reads_groups_from_the_user_database():
    root = account_of(0)
    assert root.name == "root" and 0 in root.gids


def test_account_of_a_uid_without_passwd_entry_has_no_name_and_no_groups():
    unknown = account_of(2**31 - 7)
    assert unknown.name is None and unknown.gids == frozenset()
    assert unknown.label == f"uid {2**31 - 7}"


def test_peer_credentials_are_the_kernels():
    left, right = socket.socketpair(socket.AF_UNIX)
    with left, right:
        peer = peer_credentials(left)
    assert (peer.pid, peer.uid, peer.gid) == (os.getpid(), os.geteuid(), os.getegid())


def test_an_unknown_group_is_a_clear_error():
    with pytest.raises(ShareError, match="there is no group 'no-such-group-xyz'"):
        Group.named("no-such-group-xyz")


def test_a_group_is_found_by_name_or_number():
    assert Group.named("root") == Group("root", 0) == Group.named("0")


def test_a_presenter_cannot_share_with_a_group_it_is_not_in(monkeypatch):
    monkeypatch.setattr(access.os, "geteuid", lambda: 1000)
    monkeypatch.setattr(access.os, "getegid", lambda: 1000)
    monkeypatch.setattr(access.os, "getgroups", lambda: [1000, 27])
    with pytest.raises(AccessDenied, match="you are not in group ops"):
        check_can_share_with(OPS)
    check_can_share_with(Group("sudo", 27))
