"""Rate limits: a flood is slowed, a person chatting is not, and one client's flood does not
slow another."""

from bot.ratelimit import MESSAGES_BURST, NEW_BURST, Buckets, ChatLimits


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_a_bucket_allows_its_burst_then_its_rate():
    clock = Clock()
    bucket = Buckets(capacity=3, per_second=1, clock=clock)
    assert [bucket.take("a") for _ in range(4)] == [True, True, True, False]
    clock.now = 1.0
    assert bucket.take("a") and not bucket.take("a")
    assert bucket.take("b")  # another key has its own bucket


def test_a_person_answering_the_whole_scan_is_never_slowed():
    clock = Clock()
    limits = ChatLimits(clock=clock, addresses=True)
    for _ in range(60):  # a message every 1.5 s, buttons included
        assert limits.allow("conversation", "10.0.0.1")
        clock.now += 1.5


def test_one_conversation_flooding_is_slowed_and_others_are_served():
    clock = Clock()
    limits = ChatLimits(clock=clock, addresses=True)
    answered = sum(limits.allow("flood", "10.0.0.1") for _ in range(200))
    assert answered == MESSAGES_BURST
    assert limits.allow("someone else", "10.0.0.2")


def test_new_conversations_from_one_address_are_limited_not_other_addresses():
    clock = Clock()
    limits = ChatLimits(clock=clock, addresses=True)
    opened = sum(limits.allow(f"conversation-{n}", "10.0.0.1") for n in range(200))
    assert opened == NEW_BURST
    assert limits.allow("a colleague elsewhere", "10.0.0.2")
    assert limits.allow("conversation-0", "10.0.0.1")  # going on with an open one still works
    clock.now = 60.0
    assert limits.allow("conversation-new", "10.0.0.1")  # the budget comes back


def test_without_address_limits_only_conversations_count():
    limits = ChatLimits(clock=Clock(), addresses=False)
    assert all(limits.allow(f"c{n}", "127.0.0.1") for n in range(500))
