package io.landlord.event;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Time-ordered UUIDs (RFC 9562 version 7): 48 bits of milliseconds, then random bits. Rows written close in time
 * land in neighbouring index pages, which keeps inserts into the events' primary key cheap. Event ids are not
 * secrets, so a fast non-cryptographic source is enough.
 */
final class EventIds {

    private EventIds() {
    }

    static UUID next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (System.currentTimeMillis() << 16) | 0x7000L | (random.nextInt() & 0x0FFFL);
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }
}
