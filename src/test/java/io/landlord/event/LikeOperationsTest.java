package io.landlord.event;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LikeOperationsTest {

    private static final Instant START = Instant.parse("2026-11-30T10:00:00.123456Z");
    private static final UUID TENANT = UUID.fromString("0190a4c2-1111-7222-8333-444455556666");

    private static NewEvent read(String requestId, Instant startedAt, String actor) {
        return read(requestId, startedAt, actor, TENANT);
    }

    private static NewEvent read(String requestId, Instant startedAt, String actor, UUID tenant) {
        return NewEvent.operation("TENANT_RETRIEVE", startedAt, startedAt.plusMillis(3), "TENANT_RETRIEVE_SUCCESS", actor, tenant,
                requestId, null, Map.of()).get(0);
    }

    /** The batch that buffering {@code rows} in this order gives. */
    static LikeOperations.Batch grouped(List<NewEvent> rows) {
        LikeOperations.Grouping grouping = new LikeOperations.Grouping();
        rows.forEach(grouping::add);
        return grouping.batch();
    }

    @Test
    void like_reads_share_a_row_in_start_order_and_the_rest_stay_as_they_were() {
        List<NewEvent> rows = new ArrayList<>();
        for (int i = 9; i >= 0; i--) {
            rows.add(read("r" + i, START.plusMillis(5L * i), "llc_a")); // added latest first
        }
        NewEvent otherActor = read("other", START.plusMillis(1), "llc_b");
        NewEvent notAnOperation = NewEvent.of("WEBHOOK_DISABLED", TENANT, Map.of("webhookId", "w"));
        rows.add(otherActor);
        rows.add(notAnOperation);

        LikeOperations.Batch batch = grouped(rows);

        assertEquals(1, batch.shared().size());
        LikeOperations row = batch.shared().get(0);
        assertEquals(List.of("r0", "r1"), row.requestIds().subList(0, 2));
        assertEquals(10, row.requestIds().size());
        assertEquals(List.of(START, START.plusMillis(5)), row.startedAt().subList(0, 2));
        assertEquals(List.of(START.plusMillis(3), START.plusMillis(8)), row.occurredAt().subList(0, 2));
        assertEquals("llc_a", row.actor());
        assertEquals(EventIds.lowest(START).getMostSignificantBits(), row.id().getMostSignificantBits(), "drawn from the first START");
        assertEquals(0x0001L, row.id().getLeastSignificantBits() & 0xFFFFL, "its events' ids are its own with these bits set");
        assertEquals(Set.of(notAnOperation, otherActor), Set.copyOf(batch.single()));
    }

    @Test
    void two_like_reads_share_a_row_and_a_read_alike_with_no_other_stays_a_row_of_its_own() {
        NewEvent first = read("r0", START, "llc_a");
        NewEvent second = read("r1", START.plusMillis(1), "llc_a");
        NewEvent ofAnotherTenant = read("r2", START.plusMillis(2), "llc_a", UUID.randomUUID());

        LikeOperations.Batch batch = grouped(List.of(second, ofAnotherTenant, first));

        assertEquals(1, batch.shared().size());
        assertEquals(List.of("r0", "r1"), batch.shared().get(0).requestIds());
        assertEquals(List.of(ofAnotherTenant), batch.single());
    }

    @Test
    void a_row_holds_at_most_thirty_operations_all_within_ten_seconds_of_its_first_start() {
        List<NewEvent> reads = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            reads.add(read("r" + i, START.plusMillis(i), "llc_a"));
        }
        reads.add(read("late", START.plusSeconds(10), "llc_a")); // ends 3 ms after the 10 s that the first row may span

        LikeOperations.Batch batch = grouped(reads);

        assertEquals(List.of(30, 30, 11), batch.shared().stream().map(row -> row.requestIds().size()).toList());
        assertEquals("late", batch.shared().get(2).requestIds().get(10), "the third row starts at the 61st, so it still spans under 10 s");
        assertEquals(List.of(), batch.single());
    }

    @Test
    void an_operation_beyond_ten_seconds_of_the_rows_first_start_begins_a_new_row() {
        List<NewEvent> rows = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            rows.add(read("r" + i, START.plusMillis(i), "llc_a"));
        }
        NewEvent late = read("late", START.plusSeconds(10), "llc_a");
        rows.add(late);

        LikeOperations.Batch batch = grouped(rows);

        assertEquals(1, batch.shared().size());
        assertEquals(10, batch.shared().get(0).requestIds().size());
        assertEquals(List.of(late), batch.single());
    }

    @Test
    void a_batch_comes_out_in_the_databases_id_order_whatever_order_it_was_buffered_in() {
        List<NewEvent> rows = new ArrayList<>();
        for (int i = 0; i < 200; i++) { // reads of 200 tenants, none alike
            rows.add(read("spread" + i, START.plusNanos(1_000L * i), "llc_a", UUID.randomUUID()));
        }
        for (int i = 0; i < 30; i++) { // like reads of three tenants
            rows.add(read("like" + i, START.plusNanos(1_000L * i), "llc_a", new UUID(0, i % 3)));
        }
        Collections.shuffle(rows, new Random(8));

        LikeOperations.Batch batch = grouped(rows);

        assertEquals(200, batch.single().size());
        assertEquals(3, batch.shared().size());
        List<UUID> single = batch.single().stream().map(NewEvent::id).toList();
        List<UUID> shared = batch.shared().stream().map(LikeOperations::id).toList();
        assertEquals(single.stream().sorted(EventIds.ORDER).toList(), single);
        assertEquals(shared.stream().sorted(EventIds.ORDER).toList(), shared);
    }

    @Test
    void a_buffer_counts_the_rows_its_events_make_not_the_events() {
        LikeOperations.Grouping grouping = new LikeOperations.Grouping();
        for (int i = 0; i < 40; i++) {
            grouping.add(read("r" + i, START.plusMillis(i), "llc_a"));
        }
        grouping.add(read("other", START, "llc_b"));
        grouping.add(NewEvent.of("WEBHOOK_DISABLED", TENANT, Map.of("webhookId", "w")));

        assertEquals(4, grouping.rows(), "30 and 10 like reads, another actor's read, and an event that is not an operation's");
        LikeOperations.Batch batch = grouping.batch();
        assertEquals(4, batch.shared().size() + batch.single().size());
    }

    @Test
    void a_batch_given_back_after_a_failed_write_is_written_with_the_next_as_it_was() {
        LikeOperations.Grouping failed = new LikeOperations.Grouping();
        for (int i = 0; i < 5; i++) {
            failed.add(read("failed" + i, START.plusMillis(i), "llc_a"));
        }
        NewEvent alone = read("alone", START, "llc_b");
        failed.add(alone);
        LikeOperations.Batch given = failed.batch();
        LikeOperations.Grouping next = new LikeOperations.Grouping();
        NewEvent later = read("later", START.plusMillis(50), "llc_a");
        next.add(later);

        next.restore(given);
        LikeOperations.Batch batch = next.batch();

        assertEquals(3, next.rows());
        assertEquals(given.shared(), batch.shared(), "the row of like reads keeps its id and operations");
        assertEquals(Set.of(alone, later), Set.copyOf(batch.single()));
    }

    @Test
    void ids_are_ordered_as_postgresql_orders_uuids_bytewise_not_as_java_compares_them() {
        UUID low = UUID.fromString("7fffffff-ffff-7fff-bfff-ffffffffffff");
        UUID high = UUID.fromString("80000000-0000-7000-8000-000000000000");

        assertEquals(-1, Integer.signum(EventIds.ORDER.compare(low, high)));
        assertEquals(1, Integer.signum(low.compareTo(high)), "Java's signed comparison puts them the other way round");
        assertEquals(-1, Integer.signum(EventIds.ORDER.compare(UUID.fromString("00000000-0000-7000-3fff-ffffffffffff"),
                UUID.fromString("00000000-0000-7000-8000-000000000000"))));
    }
}
