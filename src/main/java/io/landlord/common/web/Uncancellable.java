package io.landlord.common.web;

import io.smallrye.mutiny.Uni;

/**
 * A write that runs to its end even when the HTTP client goes away. RESTEasy cancels a request's Uni when the
 * connection closes; cancelling a unit of work in the middle of its transaction would close the session under
 * it. The transaction then commits or rolls back as a whole; only the response is lost.
 */
public final class Uncancellable {

    private Uncancellable() {
    }

    public static <T> Uni<T> of(Uni<T> work) {
        return Uni.createFrom().emitter(emitter -> work.subscribe().with(emitter::complete, emitter::fail));
    }
}
