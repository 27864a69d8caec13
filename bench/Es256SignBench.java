import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Raw ES256 signing rate of this JDK: SHA256withECDSA (P-256) over a JWT-sized signing input, on N threads, each with
 * its own {@link Signature}. Used by bench/keycloak-side-by-side.sh as the ceiling a token endpoint could reach.
 *
 * <p>Run as a single-file source program: {@code java bench/Es256SignBench.java [threads] [warmupSeconds]
 * [seconds] [signingInputFile]} (defaults 2, 10, 15, and a built-in JWT signing input of about 400 bytes); the
 * benchmark script passes the signing input ({@code base64url(header) "." base64url(claims)}) of a token Landlord
 * issued. Prints a human-readable summary on stderr and, on stdout,
 * {@code threads<TAB>signatures<TAB>seconds<TAB>signatures/s}.
 */
public final class Es256SignBench {

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        double warmupSeconds = args.length > 1 ? Double.parseDouble(args[1]) : 10;
        double seconds = args.length > 2 ? Double.parseDouble(args[2]) : 15;
        if (threads < 1 || warmupSeconds < 0 || seconds <= 0 || args.length > 4) {
            throw new IllegalArgumentException(
                    "usage: Es256SignBench [threads>=1] [warmupSeconds>=0] [seconds>0] [signingInputFile]");
        }

        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keyPair = generator.generateKeyPair();
        byte[] signingInput = args.length > 3
                ? Files.readString(Path.of(args[3]), StandardCharsets.US_ASCII).strip().getBytes(StandardCharsets.US_ASCII)
                : jwtSigningInput();
        if (signingInput.length == 0) {
            throw new IllegalArgumentException("empty signing input");
        }

        System.err.printf("ES256 raw signing: %s %s, %d threads, signing input %d bytes, provider %s%n",
                System.getProperty("java.vm.name"), Runtime.version(), threads, signingInput.length,
                Signature.getInstance("SHA256withECDSA").getProvider());

        if (warmupSeconds > 0) {
            long warm = run(keyPair.getPrivate(), signingInput, threads, warmupSeconds);
            System.err.printf("warm-up: %d signatures in %.1f s%n", warm, warmupSeconds);
        }
        long start = System.nanoTime();
        long count = run(keyPair.getPrivate(), signingInput, threads, seconds);
        double elapsed = (System.nanoTime() - start) / 1e9;
        double rate = count / elapsed;
        System.err.printf("measured: %d signatures in %.2f s = %.0f signatures/s (%.1f us CPU-thread per signature)%n",
                count, elapsed, rate, threads * 1e6 / rate);

        // Check that what was produced verifies, so a broken provider cannot look fast.
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(keyPair.getPrivate());
        signer.update(signingInput);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(keyPair.getPublic());
        verifier.update(signingInput);
        if (!verifier.verify(signature)) {
            throw new IllegalStateException("signature does not verify");
        }
        System.out.printf("%d\t%d\t%.3f\t%.1f%n", threads, count, elapsed, rate);
    }

    /** Signs on {@code threads} threads for {@code seconds}; returns the number of signatures made. */
    private static long run(PrivateKey key, byte[] input, int threads, double seconds) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        long[] counts = new long[threads];
        Throwable[] failures = new Throwable[threads];
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int index = t;
            Thread worker = new Thread(() -> {
                try {
                    Signature signature = Signature.getInstance("SHA256withECDSA");
                    ready.countDown();
                    go.await();
                    long n = 0;
                    int sink = 0;
                    while (!stop.get()) {
                        signature.initSign(key);
                        signature.update(input);
                        sink += signature.sign()[0];
                        n++;
                    }
                    counts[index] = n + (sink == Integer.MIN_VALUE ? 1 : 0);
                } catch (Throwable e) {
                    failures[index] = e;
                    ready.countDown();
                }
            }, "sign-" + t);
            workers.add(worker);
            worker.start();
        }
        ready.await();
        go.countDown();
        Thread.sleep(Math.round(seconds * 1000));
        stop.set(true);
        long total = 0;
        for (int t = 0; t < threads; t++) {
            workers.get(t).join();
            if (failures[t] != null) {
                throw new IllegalStateException("signing thread failed", failures[t]);
            }
            total += counts[t];
        }
        return total;
    }

    /** base64url(header) "." base64url(claims) of a small access token: about 400 bytes. */
    private static byte[] jwtSigningInput() {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = "{\"kid\":\"bench-es256-key-1\",\"typ\":\"JWT\",\"alg\":\"ES256\"}";
        String claims = "{\"iss\":\"http://127.0.0.1:18080\",\"sub\":\"bench-admin\",\"aud\":\"landlord-management\","
                + "\"exp\":1790000300,\"iat\":1790000000,\"nbf\":1790000000,"
                + "\"jti\":\"0b7f3c9e-5d2a-4e61-9a8b-3c4d5e6f7a8b\",\"client_id\":\"bench-admin\","
                + "\"scope\":\"management\",\"roles\":[\"admin\"]}";
        return (b64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8))).getBytes(StandardCharsets.US_ASCII);
    }
}
