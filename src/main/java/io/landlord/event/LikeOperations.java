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
     * A batch to write: rows of like operations, and the rows that share with nobody, as they were; each list in id
     * order.
     */
    record Batch(List<LikeOperations> shared, List<NewEvent> single) {
    }

    /**
     * Buffered rows, like operations grouped as they come: a row of like operations is open until it holds
     * {@link #MOST}, or until one alike would take it beyond {@link NewEvent#LONGEST_ONE_ROW_OPERATION} from its first
     * START to its last outcome; that one opens the next. Only the grouping is kept per operation, not its row, so
     * what a buffer holds grows by a request id and two times for a read alike with one buffered before. Not
     * thread-safe: {@link EventBuffer} guards it.
     */
    static final class Grouping {

        private final Map<Key, Operations> open = new HashMap<>();
        private final List<Operations> closed = new ArrayList<>();
        /** Rows that are not an operation's, and rows of an earlier batch given back ({@link #restore}). */
        private final List<NewEvent> single = new ArrayList<>();
        private final List<LikeOperations> restored = new ArrayList<>();

        void add(NewEvent row) {
            if (row.startedAt() == null) {
                single.add(row);
                return;
            }
            Key key = Key.of(row);
            Operations operations = open.get(key);
            if (operations != null && operations.take(row)) {
                if (operations.size() == MOST) {
                    closed.add(open.remove(key));
                }
                return;
            }
            if (operations != null) {
                closed.add(operations);
            }
            open.put(key, new Operations(row));
        }

        /** A batch whose write failed, to be written again with the next. */
        void restore(Batch batch) {
            restored.addAll(batch.shared());
            single.addAll(batch.single());
        }

        /** How many rows the buffered events make. */
        int rows() {
            return open.size() + closed.size() + single.size() + restored.size();
        }

        boolean isEmpty() {
            return rows() == 0;
        }

        /**
         * The rows to write, in id order: a B-tree takes a key above all it holds straight into its rightmost page,
         * without a search from the root; in id order the primary key always does, and so do the actor and type
         * indexes for rows of one actor or type.
         */
        Batch batch() {
            List<LikeOperations> shared = new ArrayList<>(restored);
            List<NewEvent> rows = new ArrayList<>(single);
            for (Operations operations : closed) {
                operations.addTo(shared, rows);
            }
            for (Operations operations : open.values()) {
                operations.addTo(shared, rows);
            }
            shared.sort(Comparator.comparing(LikeOperations::id, EventIds.ORDER));
            rows.sort(Comparator.comparing(NewEvent::id, EventIds.ORDER));
            return new Batch(shared, rows);
        }
    }

    /** One row's operations, as they were added. */
    private static final class Operations {

        /** The first one added: the row as it is when no other joins it, and what the row's operations share. */
        private final NewEvent first;
        private final List<Operation> operations = new ArrayList<>(2);
        private Instant earliestStart;
        private Instant latestOutcome;

        Operations(NewEvent first) {
            this.first = first;
            operations.add(new Operation(first.requestId(), first.startedAt(), first.occurredAt()));
            earliestStart = first.startedAt();
            latestOutcome = first.occurredAt();
        }

        int size() {
            return operations.size();
        }

        /** Takes a like operation if the row still spans at most the longest one-row operation with it. */
        boolean take(NewEvent row) {
            Instant start = row.startedAt().isBefore(earliestStart) ? row.startedAt() : earliestStart;
            Instant outcome = row.occurredAt().isAfter(latestOutcome) ? row.occurredAt() : latestOutcome;
            if (outcome.isAfter(start.plus(NewEvent.LONGEST_ONE_ROW_OPERATION))) {
                return false;
            }
            operations.add(new Operation(row.requestId(), row.startedAt(), row.occurredAt()));
            earliestStart = start;
            latestOutcome = outcome;
            return true;
        }

        /** One operation is a row as it was; more are a row of like operations, in START order. */
        void addTo(List<LikeOperations> shared, List<NewEvent> single) {
            if (operations.size() == 1) {
                single.add(first);
                return;
            }
            operations.sort(Comparator.comparing(Operation::startedAt));
            List<String> requestIds = new ArrayList<>(operations.size());
            List<Instant> started = new ArrayList<>(operations.size());
            List<Instant> occurred = new ArrayList<>(operations.size());
            for (Operation operation : operations) {
                requestIds.add(operation.requestId());
                started.add(operation.startedAt());
                occurred.add(operation.occurredAt());
            }
            shared.add(new LikeOperations(EventIds.forLikeOperations(earliestStart), first.type(), first.actor(),
                    first.tenantId(), first.errorCode(), first.payload(), requestIds, started, occurred));
        }
    }

    private record Operation(String requestId, Instant startedAt, Instant occurredAt) {
    }

    private record Key(String type, String actor, UUID tenantId, String errorCode, Map<String, Object> payload) {
        static Key of(NewEvent row) {
            return new Key(row.type(), row.actor(), row.tenantId(), row.errorCode(), row.payload());
        }
    }
}
