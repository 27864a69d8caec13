package io.landlord.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A Server-Sent Events subscriber for tests: reads frames on a background thread into a queue. */
public final class SseSubscription implements AutoCloseable {

    /** One SSE frame with data (comment-only frames are counted, not queued). */
    public record Frame(String id, String event, String data) {
    }

    private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
    private final Stream<String> lines;
    private volatile int comments;
    private volatile boolean ended;

    private SseSubscription(Stream<String> lines) {
        this.lines = lines;
        Thread reader = new Thread(this::read, "sse-test-reader");
        reader.setDaemon(true);
        reader.start();
    }

    public static SseSubscription open(URI uri, String bearer, String lastEventId) throws Exception {
        return open(uri, "Authorization", bearer, lastEventId);
    }

    /** A stream authenticated by another header than a bearer token: the console's session cookie. */
    public static SseSubscription open(URI uri, String header, String value, String lastEventId) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header(header, value)
                .header("Accept", "text/event-stream").GET();
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient()
                .send(request.build(), HttpResponse.BodyHandlers.ofLines());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("stream answered " + response.statusCode());
        }
        return new SseSubscription(response.body());
    }

    private void read() {
        String id = null;
        String event = null;
        StringBuilder data = new StringBuilder();
        try {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.isEmpty()) {
                    if (data.length() > 0) {
                        frames.add(new Frame(id, event, data.toString()));
                    }
                    id = null;
                    event = null;
                    data.setLength(0);
                } else if (line.startsWith(":")) {
                    comments++;
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).trim();
                } else if (line.startsWith("event:")) {
                    event = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).trim());
                }
            }
        } catch (RuntimeException closed) {
            // the test closed the stream
        }
        ended = true;
    }

    /** The next {@code count} frames, failing if they do not all arrive within {@code timeout}. */
    public List<Frame> take(int count, Duration timeout) throws InterruptedException {
        List<Frame> taken = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (taken.size() < count) {
            Frame frame = frames.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (frame == null) {
                throw new AssertionError("only " + taken.size() + " of " + count + " events arrived (stream " + (ended ? "ended" : "open")
                        + ", " + comments + " heartbeats): " + taken);
            }
            taken.add(frame);
        }
        return taken;
    }

    /** Frames that arrive within {@code wait}; for asserting that nothing more comes. */
    public List<Frame> drain(Duration wait) throws InterruptedException {
        List<Frame> rest = new ArrayList<>();
        Frame frame;
        while ((frame = frames.poll(wait.toMillis(), TimeUnit.MILLISECONDS)) != null) {
            rest.add(frame);
        }
        return rest;
    }

    public int comments() {
        return comments;
    }

    @Override
    public void close() {
        lines.close();
    }
}
