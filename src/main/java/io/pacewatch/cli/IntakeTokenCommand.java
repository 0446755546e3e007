package io.pacewatch.cli;

import io.pacewatch.http.IntakeTokens;
import io.pacewatch.wire.Json;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pacewatch intake-token}: a new random token for the HTTP intake, and the entry that grants it,
 * holding only its hash. The token is printed once and kept nowhere: whoever loses it gets a new one.
 */
@Command(name = "intake-token", mixinStandardHelpOptions = true,
        description = {"Make a token for the HTTP intake (pacewatch run --intake-tokens FILE).",
            "Prints the token (give it to the sender; it is stored nowhere) and the entry to add to the"
                    + " tokens array of FILE, which holds only its SHA-256 hash. The service rereads FILE when it"
                    + " changes; delete an entry to revoke its token."})
public final class IntakeTokenCommand implements Callable<Integer> {

    @Option(names = "--name", required = true, paramLabel = "NAME",
            description = "Who holds the token: the source its records carry (letters, digits, '_', '-', '.').")
    String name;

    @Option(names = "--region", required = true, paramLabel = "REGION",
            description = "A region the token may publish; repeat for more, or '*' for all.")
    List<String> regions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        final String token = IntakeTokens.newToken();
        final Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", name);
        entry.put("sha256", IntakeTokens.sha256(token));
        entry.put("regions", regions);
        final PrintWriter out = spec.commandLine().getOut();
        out.println("token  " + token);
        out.println("entry  " + Json.MAPPER.writeValueAsString(entry));
        out.flush();
        return 0;
    }
}
