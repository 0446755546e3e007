package io.pacewatch.domain.brief;

/**
 * The sentence leaders read first: how many indicators are ahead of, on and behind pace, and the
 * weakest by name. Behind counts both at-risk and behind rows, as "滞后于序时进度" does in a bulletin;
 * an overdue row counts by its last figures' verdict and is also named as overdue.
 *
 * @param weakest the indicator code of the weakest behind row, null when none is behind
 */
public record Headline(String zh, String en, int total, int ahead, int onPace, int behind, int notJudged,
                       int overdue, String weakest) {
}
