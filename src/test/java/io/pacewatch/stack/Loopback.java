package io.pacewatch.stack;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Where the compose stack's services are reached in the stack test: each compose address
 * ({@code kafka:9092}, {@code pacewatch:8080}, ...) becomes a loopback address with a free port. This is
 * the only change the test makes to what the deployment's files say about the network.
 *
 * @param addresses compose address (service host name and container port) to loopback address
 */
record Loopback(Map<String, String> addresses) {

    static final String HOST = "127.0.0.1";

    /** The loopback address of a compose address; fails for one the test does not run. */
    String address(final String composeAddress) {
        final String address = addresses.get(composeAddress);
        if (address == null) {
            throw new AssertionError("the deployment names " + composeAddress + ", which the stack test does not "
                    + "run (it runs " + addresses.keySet() + "): teach DeployedStackIT where it is");
        }
        return address;
    }

    /**
     * A setting of {@code service} (a value of its environment) with compose addresses rewritten: a list
     * of addresses ({@code kafka:9092}), a bare host name ({@code pacewatch}), or the service's own
     * container port ({@code 8080}); anything else is kept.
     */
    String rewrite(final String service, final String value) {
        if (Arrays.stream(value.split(",")).map(String::trim).allMatch(addresses::containsKey)) {
            return Arrays.stream(value.split(",")).map(String::trim).map(addresses::get)
                    .collect(Collectors.joining(","));
        }
        for (final Map.Entry<String, String> entry : addresses.entrySet()) {
            final String[] compose = entry.getKey().split(":");
            if (value.equals(compose[0])) {
                return HOST;
            }
            if (compose[0].equals(service) && value.equals(compose[1])) {
                return entry.getValue().substring(entry.getValue().lastIndexOf(':') + 1);
            }
        }
        return value;
    }
}
