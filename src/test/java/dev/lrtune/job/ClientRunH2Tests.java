package dev.lrtune.job;

import dev.lrtune.ClientRunsOverHttp;

/** {@link ClientRunScenarios} on an in-memory H2 database, in the context of the client-run studies' scenarios. */
@ClientRunsOverHttp
class ClientRunH2Tests extends ClientRunScenarios {
}
