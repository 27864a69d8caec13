package io.landlord.common.persistence;

import io.netty.channel.unix.Errors.NativeIoException;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;
import java.net.SocketException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Whether PostgreSQL is reachable, as failures show it. A failure to reach it (refused or closed connection, the
 * server shutting down, a pool that cannot connect) starts an outage: WARN once, then silence from every request and
 * background job that fails the same way, until {@link DatabaseOutageWatch} sees the database answer again and logs
 * INFO once. Requests meanwhile answer 503 (see the error mapper).
 */
public final class DatabaseOutage {

    private static final Logger LOG = Logger.getLogger(DatabaseOutage.class);
    private static final AtomicBoolean ONGOING = new AtomicBoolean();

    private DatabaseOutage() {
    }

    /**
     * Whether {@code failure} (or one of its causes) says the database cannot be reached; if so, an outage is on. A
     * connection reset is a {@link SocketException} on Java NIO and a {@link NativeIoException} on the epoll transport.
     */
    public static boolean isUnreachable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof SocketException || t instanceof NativeIoException
                    || t instanceof ClosedConnectionException || t instanceof NoStackTraceThrowable
                    || t instanceof PgException pg && isConnectionState(pg.getSqlState())) {
                begin(t);
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /**
     * Connection exceptions (class 08), the server shutting down or starting up (57P01..57P03), too many connections
     * (53300), and a read-only transaction (25006: a demoted primary still reached during a failover).
     */
    private static boolean isConnectionState(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08") || sqlState.startsWith("57P0") || sqlState.equals("53300")
                || sqlState.equals("25006"));
    }

    public static boolean ongoing() {
        return ONGOING.get();
    }

    /**
     * A background job's failure: nothing more while the database is unreachable (the outage is logged once), else a
     * WARN of its own. Only the failure's class is logged: messages may quote SQL or input.
     */
    public static void warn(Class<?> source, Throwable failure, String what) {
        if (!isUnreachable(failure)) {
            Logger.getLogger(source).warnf("%s (%s)", what, failure.getClass().getName());
        }
    }

    private static void begin(Throwable cause) {
        if (ONGOING.compareAndSet(false, true)) {
            LOG.warnf("The database cannot be reached (%s): requests that need it answer 503 until it is back",
                    cause.getClass().getName());
        }
    }

    static void end() {
        if (ONGOING.compareAndSet(true, false)) {
            LOG.info("The database is reachable again");
        }
    }
}
