package io.landlord.event;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Operations alike but for their request ids and times — the same type, actor, tenant, error code and payload, as a
 * client polling one tenant makes them — stored as one row (V14__events_like_operations_share_a_row.sql): the row
 * costs its heap tuple and five index entries once for all of them.
 */
record LikeOperations(UUID id, String type, String actor, UUID tenantId, String errorCode, Map<String, Object> payload,
        List<String> requestIds, List<Instant> startedAt, List<Instant> occurredAt) {

    /** Most operations in a row: their arrays (~55 bytes each) keep the row small enough to stay uncompressed. */
    static final int MOST = 30;
    /**
     * A batch to write: rows of like operations, and the rows that share with nobody, as they were; {@link #of} gives
     * each list in id order.
     */
    record Batch(List<LikeOperations> shared, List<NewEvent> single) {
    }

    /**
     * Groups a batch's operation rows (those with a START) by what they have in common, START order within each row,
     * at most {@link #MOST} per row and all within {@link NewEvent#LONGEST_ONE_ROW_OPERATION}; an operation alike with no
     * other, and every row that is not an operation's, stays as it was.
     */
    static Batch of(List<NewEvent> rows) {
        Map<Key, List<List<NewEvent>>> groups = new HashMap<>();
        List<NewEvent> single = new ArrayList<>();
        List<NewEvent> operations = new ArrayList<>();
        for (NewEvent row : rows) {
            (row.startedAt() == null ? single : operations).add(row);
        }
        operations.sort(Comparator.comparing(NewEvent::startedAt));
        for (NewEvent row : operations) {
            List<List<NewEvent>> ofKey = groups.computeIfAbsent(Key.of(row), key -> new ArrayList<>());
            List<NewEvent> open = ofKey.isEmpty() ? null : ofKey.get(ofKey.size() - 1);
            if (open == null || open.size() == MOST || !withinOneRow(open.get(0), row)) {
                open = new ArrayList<>();
                ofKey.add(open);
            }
            open.add(row);
        }
        List<LikeOperations> shared = new ArrayList<>();
        for (List<List<NewEvent>> ofKey : groups.values()) {
            for (List<NewEvent> group : ofKey) {
                if (group.size() == 1) {
                    single.addAll(group);
                } else {
                    shared.add(of(group.get(0), group));
                }
            }
        }
        // A B-tree takes a key above all it holds straight into its rightmost page, without a search from the root:
        // in id order the primary key always does, and so do the actor and type indexes for rows of one actor or type.
        shared.sort(Comparator.comparing(LikeOperations::id, EventIds.ORDER));
        single.sort(Comparator.comparing(NewEvent::id, EventIds.ORDER));
        return new Batch(shared, single);
    }

    // taken in START order, so the first started first: every outcome must come within the limit of that START
    private static boolean withinOneRow(NewEvent first, NewEvent next) {
        return !next.occurredAt().isAfter(first.startedAt().plus(NewEvent.LONGEST_ONE_ROW_OPERATION));
    }

    private static LikeOperations of(NewEvent first, List<NewEvent> group) {
        List<String> requestIds = new ArrayList<>(group.size());
        List<Instant> started = new ArrayList<>(group.size());
        List<Instant> occurred = new ArrayList<>(group.size());
        for (NewEvent row : group) {
            requestIds.add(row.requestId());
            started.add(row.startedAt());
            occurred.add(row.occurredAt());
        }
        return new LikeOperations(EventIds.forLikeOperations(first.startedAt()), first.type(), first.actor(), first.tenantId(),
                first.errorCode(), first.payload(), requestIds, started, occurred);
    }

    private record Key(String type, String actor, UUID tenantId, String errorCode, Map<String, Object> payload) {
        static Key of(NewEvent row) {
            return new Key(row.type(), row.actor(), row.tenantId(), row.errorCode(), row.payload());
        }
    }
}
