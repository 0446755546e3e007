package io.pacewatch.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IntakeTokensTest {

    @TempDir
    Path dir;

    @Test
    void aNewTokenIsRandomAndStoredOnlyAsItsSha256() {
        final String token = IntakeTokens.newToken();
        assertThat(token).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(IntakeTokens.newToken());
        // SHA-256 of "abc", from FIPS 180-2.
        assertThat(IntakeTokens.sha256("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void grantsTheTokensOfTheFileAndNoOther() throws Exception {
        final String luohu = IntakeTokens.newToken();
        final String city = IntakeTokens.newToken();
        final IntakeTokens tokens = IntakeTokens.load(write(entry("luohu-stats", luohu, "luohu"),
                entry("city", city, "*")));

        assertThat(tokens.grantOf(luohu)).hasValueSatisfying(g -> {
            assertThat(g.name()).isEqualTo("luohu-stats");
            assertThat(g.allows("luohu")).isTrue();
            assertThat(g.allows("shenzhen")).isFalse();
            assertThat(g.refused(List.of("shenzhen", "luohu", "futian"))).containsExactly("futian", "shenzhen");
        });
        assertThat(tokens.grantOf(city)).hasValueSatisfying(g -> assertThat(g.allows("shenzhen")).isTrue());
        assertThat(tokens.grantOf(IntakeTokens.newToken())).isEmpty();
        assertThat(tokens.grantOf("")).isEmpty();
        assertThat(tokens.grantOf(IntakeTokens.sha256(luohu))).as("the stored hash is not a token").isEmpty();
    }

    @Test
    void rereadsTheFileWhenItChanges() throws Exception {
        final String first = IntakeTokens.newToken();
        final String second = IntakeTokens.newToken();
        final Path file = write(entry("first", first, "luohu"));
        final IntakeTokens tokens = IntakeTokens.load(file);
        assertThat(tokens.grantOf(first)).isPresent();

        Files.writeString(file, file(entry("second", second, "futian")));
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));

        assertThat(tokens.grantOf(first)).as("revoked by deleting its entry").isEmpty();
        assertThat(tokens.grantOf(second)).hasValueSatisfying(g -> assertThat(g.name()).isEqualTo("second"));
    }

    @Test
    void aFileThatBreaksWhileRunningRefusesEveryTokenUntilFixed() throws Exception {
        final String token = IntakeTokens.newToken();
        final Path file = write(entry("luohu-stats", token, "luohu"));
        final IntakeTokens tokens = IntakeTokens.load(file);

        Files.writeString(file, "{\"tokens\": [");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
        assertThatThrownBy(() -> tokens.grantOf(token)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.status()).isEqualTo(503));

        Files.writeString(file, file(entry("luohu-stats", token, "luohu")));
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(10)));
        assertThat(tokens.grantOf(token)).isPresent();
    }

    @Test
    void refusesAFileThatIsNotAValidTokenFileWithoutQuotingItsHashes() throws Exception {
        final String hash = IntakeTokens.sha256("x");
        assertThatThrownBy(() -> IntakeTokens.load(dir.resolve("missing.json")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no such file");
        assertThatThrownBy(() -> IntakeTokens.load(write("{\"name\":\"a\",\"sha256\":\"" + hash + "\",\"regions\":[]}")))
                .hasMessageContaining("regions").hasMessageNotContaining(hash);
        assertThatThrownBy(() -> IntakeTokens.load(write("{\"name\":\"a\",\"sha256\":\"not-a-hash\",\"regions\":[\"x\"]}")))
                .hasMessageContaining("64 hexadecimal digits");
        assertThatThrownBy(() -> IntakeTokens.load(write("{\"name\":\"a b\",\"sha256\":\"" + hash + "\",\"regions\":[\"x\"]}")))
                .hasMessageContaining("name");
        assertThatThrownBy(() -> IntakeTokens.load(write(entry("a", "t", "x"), entry("a", "u", "x"))))
                .hasMessageContaining("used twice");
        assertThatThrownBy(() -> IntakeTokens.load(write(entry("a", "t", "x"), entry("b", "t", "x"))))
                .hasMessageContaining("listed twice");
        assertThatThrownBy(() -> IntakeTokens.load(write("{\"name\":\"a\",\"sha256\":\"" + hash
                + "\",\"regions\":[\"x\"],\"token\":\"t\"}"))).hasMessageContaining("not a valid token file")
                .hasMessageNotContaining(hash);
    }

    @Test
    void aTokenPastedUnquotedIntoTheFileIsNotEchoedInTheError() throws Exception {
        final String token = IntakeTokens.newToken();
        assertThatThrownBy(() -> IntakeTokens.load(write("{\"name\":\"a\",\"sha256\":" + token + ",\"regions\":[\"x\"]}")))
                .hasMessageContaining("not a valid token file").hasMessageNotContaining(token)
                .hasMessageNotContaining(token.substring(0, 12));
    }

    private Path write(final String... entries) throws Exception {
        return Files.writeString(Files.createTempFile(dir, "tokens", ".json"), file(entries));
    }

    private static String file(final String... entries) {
        return "{\"tokens\": [" + String.join(",\n", entries) + "]}";
    }

    private static String entry(final String name, final String token, final String region) {
        return "{\"name\":\"" + name + "\",\"sha256\":\"" + IntakeTokens.sha256(token) + "\",\"regions\":[\"" + region
                + "\"]}";
    }
}
