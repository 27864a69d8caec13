package io.landlord.webhook;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which addresses and URLs a webhook may target, without starting the application. */
class WebhookTargetsTest {

    @ParameterizedTest
    @ValueSource(strings = { "127.0.0.1", "127.1.2.3", "0.0.0.0", "0.1.2.3", "10.0.0.1", "172.16.0.1", "172.31.255.255",
            "192.168.1.1", "169.254.169.254", "100.64.0.1", "100.127.255.255", "224.0.0.1", "239.255.255.250",
            "255.255.255.255", "240.0.0.1", "192.0.0.8", "198.18.0.1", "::1", "::", "fe80::1", "fc00::1", "fd12:3456::1",
            "fec0::1", "ff02::1", "::ffff:10.0.0.1", "::ffff:127.0.0.1", "64:ff9b::a00:1", "2002:c0a8:101::1", "::10.0.0.1" })
    void non_public_addresses_are_refused(String address) throws Exception {
        assertFalse(WebhookTargets.isPublic(InetAddress.getByName(address)), address);
    }

    @ParameterizedTest
    @ValueSource(strings = { "93.184.215.14", "8.8.8.8", "1.1.1.1", "100.63.255.255", "100.128.0.1", "172.15.255.255",
            "172.32.0.1", "192.167.1.1", "2606:4700:4700::1111", "2001:4860:4860::8888", "64:ff9b::808:808" })
    void public_addresses_are_allowed(String address) throws Exception {
        assertTrue(WebhookTargets.isPublic(InetAddress.getByName(address)), address);
    }

    @ParameterizedTest
    @ValueSource(strings = { "https://hooks.example.com/landlord", "http://hooks.example.com:8080/x?y=1", "HTTPS://Example.COM" })
    void http_and_https_urls_with_a_host_are_well_formed(String url) {
        assertNull(WebhookTargets.syntaxProblem(url), url);
    }

    @ParameterizedTest
    @ValueSource(strings = { "", " ", "ftp://example.com/", "file:///etc/passwd", "javascript:alert(1)", "https:///path",
            "https://user:secret@example.com/", "https://example.com/#fragment", "//example.com/x", "not a url" })
    void other_urls_are_refused(String url) {
        assertNotNull(WebhookTargets.syntaxProblem(url), url);
    }
}
