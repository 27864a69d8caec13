package io.landlord.common.error;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;
import java.net.SocketException;
import java.util.Set;

/**
 * Recognises a failure that says the database could not be reached, rather than that the request was wrong: the
 * connection was refused, closed or reset (the database restarting, a primary failing over behind a proxy), or the
 * server refused work it cannot do now. Such a request is answered 503: retrying it shortly may succeed.
 */
final class DatabaseUnavailable {

    /**
     * SQLSTATEs of a server that is going away or not (yet) accepting work: admin_shutdown, crash_shutdown,
     * cannot_connect_now, too_many_connections, and read_only_sql_transaction (a demoted primary).
     */
    private static final Set<String> SQL_STATES = Set.of("57P01", "57P02", "57P03", "53300", "25006");
    /** Class 08: connection exception. */
    private static final String CONNECTION_EXCEPTION_CLASS = "08";

    private DatabaseUnavailable() {
    }

    static boolean isCauseOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ClosedConnectionException || t instanceof ConnectException || t instanceof SocketException) {
                return true;
            }
            if (t instanceof PgException pg && pg.getSqlState() != null
                    && (SQL_STATES.contains(pg.getSqlState()) || pg.getSqlState().startsWith(CONNECTION_EXCEPTION_CLASS))) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
