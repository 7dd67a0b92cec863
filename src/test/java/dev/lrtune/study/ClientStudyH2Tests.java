package dev.lrtune.study;

import dev.lrtune.ClientRunsOverHttp;

/** {@link ClientStudyScenarios} on an in-memory H2 database, in the context of the client-run jobs' scenarios. */
@ClientRunsOverHttp
class ClientStudyH2Tests extends ClientStudyScenarios {
}
