package io.landlord.event;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Event ids: UUIDv7 (RFC 9562) drawn from the event's time — 48 bits of milliseconds, then the microseconds within
 * the millisecond in the 12 bits RFC 9562 allows for extra clock precision, then random bits. So ordering events by
 * id is ordering them by time, and the primary key serves the newest-first list. The database's {@code event_id}
 * function makes the same ids for events written in SQL. Event ids are not secrets: a fast random source is enough.
 */
final class EventIds {

    private static final long VERSION_7 = 0x7000L;
    private static final long VARIANT = 0x8000000000000000L;

    /** PostgreSQL's order of uuids (bytewise, unsigned), which {@link UUID#compareTo} (signed) is not. */
    static final Comparator<UUID> ORDER = (a, b) -> {
        int byHigh = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return byHigh != 0 ? byHigh : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    };

    private EventIds() {
    }

    /**
     * A new id for an event that occurred at {@code occurredAt} (microsecond precision). Its lowest bit is set: the
     * id with that bit cleared is the START of the operation stored in the same row (V11), never another row's id.
     */
    static UUID at(Instant occurredAt) {
        return new UUID(timeBits(occurredAt), (ThreadLocalRandom.current().nextLong() & 0x3FFFFFFFFFFFFFFFL) | VARIANT | 1L);
    }

    /**
     * A new id for a row of like operations whose first started at {@code startedAt}: its last 16 bits are 0x0001, so
     * that its events' ids (those bits set to each event's part, V14) follow one another.
     */
    static UUID forLikeOperations(Instant startedAt) {
        return new UUID(timeBits(startedAt), (ThreadLocalRandom.current().nextLong() & 0x3FFFFFFFFFFF0000L) | VARIANT | 1L);
    }

    /** The smallest id of any event at or after {@code time}: a bound for an index range over ids. */
    static UUID lowest(Instant time) {
        Instant micros = time.plusNanos(999).truncatedTo(ChronoUnit.MICROS);
        return new UUID(timeBits(micros), VARIANT);
    }

    private static long timeBits(Instant time) {
        long micros = Math.multiplyExact(time.getEpochSecond(), 1_000_000L) + time.getNano() / 1_000;
        return (micros / 1000) << 16 | VERSION_7 | micros % 1000;
    }
}
