package io.landlord.support;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.IntUnaryOperator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook receiver for tests: a Vert.x HTTP server on a free port that keeps every request and answers each with
 * the status {@code answer} gives for its number (1, 2, …); 0 leaves the request unanswered (a hung receiver).
 */
public final class TestReceiver implements AutoCloseable {

    /** One request as received: path, headers (lower-case names) and body, as text and as bytes. */
    public record Received(String path, Map<String, String> headers, String body, byte[] bytes) {

        public String header(String name) {
            return headers.get(name.toLowerCase());
        }

        /** Whether Landlord-Signature is v1= HMAC-SHA256(secret, Landlord-Timestamp "." body), as the README says. */
        /** The entries of Landlord-Signature: one per secret that signs (two while a rotated-out one still does). */
        public List<String> signatures() {
            String header = header("Landlord-Signature");
            return header == null ? List.of() : List.of(header.split(","));
        }

        public boolean signedWith(String secret) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                byte[] expected = mac.doFinal((header("Landlord-Timestamp") + "." + body).getBytes(StandardCharsets.UTF_8));
                for (String signature : signatures()) {
                    if (signature.startsWith("v1=") && MessageDigest.isEqual(expected, HexFormat.of().parseHex(signature.substring(3)))) {
                        return true;
                    }
                }
                return false;
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                return false;
            }
        }
    }

    private final Vertx vertx;
    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile IntUnaryOperator answer;

    private TestReceiver(IntUnaryOperator answer) {
        this.answer = answer;
        this.vertx = Vertx.vertx();
        this.server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            Map<String, String> headers = new TreeMap<>();
            request.headers().forEach(h -> headers.put(h.getKey().toLowerCase(), h.getValue()));
            received.add(new Received(request.path(), headers, body.toString(StandardCharsets.UTF_8), body.getBytes()));
            int status = this.answer.applyAsInt(received.size());
            if (status > 0) {
                request.response().setStatusCode(status).end();
            }
        }));
        await(server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture());
    }

    /** Answers with {@code answer.applyAsInt(n)} for the n-th request. */
    public static TestReceiver start(IntUnaryOperator answer) {
        return new TestReceiver(answer);
    }

    public void answer(IntUnaryOperator answer) {
        this.answer = answer;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.actualPort() + path;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public List<Received> received(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    @Override
    public void close() {
        await(vertx.close().toCompletionStage().toCompletableFuture());
    }

    private static <T> T await(java.util.concurrent.CompletableFuture<T> future) {
        try {
            return future.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
