package io.pacewatch.notify;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Request signatures: DingTalk's signed robot URLs and the generic webhook's body HMAC. */
final class Signatures {

    private Signatures() {
    }

    /**
     * DingTalk's {@code sign} parameter as its documentation defines it: HmacSHA256 keyed with the
     * secret over {@code timestamp + "\n" + secret} (UTF-8), Base64, then URL-encoded.
     */
    static String dingTalkSign(final long timestampMillis, final String secret) {
        final byte[] mac = hmacSha256(secret, timestampMillis + "\n" + secret);
        return URLEncoder.encode(Base64.getEncoder().encodeToString(mac), StandardCharsets.UTF_8);
    }

    /** {@code sha256=<hex>} of HmacSHA256(secret, body): lets a generic receiver check who sent it. */
    static String bodySignature(final String secret, final byte[] body) {
        return "sha256=" + HexFormat.of().formatHex(hmacSha256(secret.getBytes(StandardCharsets.UTF_8), body));
    }

    private static byte[] hmacSha256(final String key, final String data) {
        return hmacSha256(key.getBytes(StandardCharsets.UTF_8), data.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] hmacSha256(final byte[] key, final byte[] data) {
        try {
            final Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (final GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
