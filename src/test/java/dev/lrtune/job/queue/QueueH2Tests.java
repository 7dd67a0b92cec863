package dev.lrtune.job.queue;

import dev.lrtune.ServiceBeansOnH2;

/**
 * {@link QueueScenarios} on an in-memory H2 database, in the context of the other classes that drive the queue and the
 * runner themselves; each test empties the jobs table first, as they set up their own rows.
 */
@ServiceBeansOnH2
class QueueH2Tests extends QueueScenarios {
}
