package io.dinp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RolloutTest {
    static JsonNode json(String s) throws Exception {
        return ApiClient.JSON.readTree(s.replace('\'', '"'));
    }

    static JsonNode app(String state, int instances, long generation) throws Exception {
        return json("{'name':'web','state':'" + state + "','reason':'r','status':'" + state + ": r','instances':" + instances
                + ",'generation':" + generation + "}");
    }

    static final Rollout.Expectation NEW_SPEC = new Rollout.Expectation(5, Set.of("old"), "2");

    @Test
    void aStaleRunningStatusIsNotDoneWhileOldInstancesRemain() throws Exception {
        JsonNode old = json("[{'specHash':'old','ready':true},{'specHash':'old','ready':true}]");
        assertThat(Rollout.judge(app("running", 2, 5), old, json("[]"), NEW_SPEC))
                .isEqualTo(new Rollout.Verdict.Waiting("running: r (0/2 new serving, 2 old left)"));
        JsonNode mixed = json("[{'specHash':'old','ready':true},{'specHash':'new','ready':true},{'specHash':'new','ready':false}]");
        assertThat(Rollout.judge(app("deploying", 2, 5), mixed, json("[]"), NEW_SPEC))
                .isEqualTo(new Rollout.Verdict.Waiting("deploying: r (1/2 new serving, 1 old left)"));
        JsonNode done = json("[{'specHash':'new','ready':true},{'specHash':'new','ready':true}]");
        assertThat(Rollout.judge(app("running", 2, 5), done, json("[]"), NEW_SPEC)).isInstanceOf(Rollout.Verdict.Done.class);
    }

    @Test
    void aScaleIsDoneWhenExactlyTheWantedNumberServe() throws Exception {
        Rollout.Expectation scale = new Rollout.Expectation(3, Set.of(), null);
        JsonNode three = json("[{'specHash':'a','ready':true},{'specHash':'a','ready':true},{'specHash':'a','ready':true}]");
        assertThat(Rollout.judge(app("running", 2, 3), three, null, scale))
                .isEqualTo(new Rollout.Verdict.Waiting("running: r (3/2 serving)"));
        assertThat(Rollout.judge(app("stopped", 0, 3), json("[]"), null, scale)).isInstanceOf(Rollout.Verdict.Done.class);
    }

    @Test
    void failuresEndTheWaitWithTheReason() throws Exception {
        JsonNode some = json("[{'specHash':'old','ready':true}]");
        assertThat(Rollout.judge(app("rolling-back", 1, 5), some, json("[]"), NEW_SPEC))
                .isEqualTo(new Rollout.Verdict.Failed("the change fails and is being rolled back: r"));
        assertThat(Rollout.judge(app("running", 1, 5), some,
                json("[{'version':'2','failedAt':'2026-12-04T10:00:00Z','failure':'never became healthy'}]"), NEW_SPEC))
                .isEqualTo(new Rollout.Verdict.Failed("release 2 failed and was rolled back: never became healthy"));
        assertThat(Rollout.judge(app("running", 1, 6), some, json("[]"), NEW_SPEC))
                .isInstanceOf(Rollout.Verdict.Failed.class).extracting(v -> ((Rollout.Verdict.Failed) v).why()).asString()
                .contains("changed again meanwhile");
    }

    @Test
    void anEarlierFailureOfTheReleaseDoesNotCount() throws Exception {
        JsonNode releases = json("[{'version':'2','failedAt':'2026-12-04T10:00:00Z','failure':'x'}]");
        Rollout.Expectation again = new Rollout.Expectation(5, Set.of(), "2", "2026-12-04T10:00:00Z");
        assertThat(Rollout.judge(app("running", 1, 5), json("[{'specHash':'a','ready':true}]"), releases, again))
                .isInstanceOf(Rollout.Verdict.Done.class);
    }
}
