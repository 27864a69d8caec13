package io.landlord.common.persistence;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.epoll.Epoll;
import io.netty.channel.unix.Errors;
import io.vertx.pgclient.PgException;
import java.net.SocketException;
import org.junit.jupiter.api.Test;

/** Which failures of a database call are the database being out of reach (a 503), whichever transport saw them. */
class DatabaseOutageTest {

    @Test
    void a_connection_reset_is_the_database_out_of_reach_on_java_nio_and_on_epoll_alike() {
        assertTrue(DatabaseOutage.isUnreachable(new SocketException("Connection reset")));
        // what Netty's epoll transport raises for the same reset (ECONNRESET); its class needs the native library
        Epoll.ensureAvailability();
        assertTrue(DatabaseOutage.isUnreachable(new RuntimeException(new Errors.NativeIoException("recvAddress", -104))));
    }

    @Test
    void a_refused_statement_on_a_live_connection_is_not() {
        assertFalse(DatabaseOutage.isUnreachable(new PgException("duplicate key", "ERROR", "23505", null)));
    }
}
