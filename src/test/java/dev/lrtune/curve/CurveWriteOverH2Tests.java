package dev.lrtune.curve;

import dev.lrtune.ServiceBeansOnH2;

/** {@link CurveWriteOverScenarios} on H2. */
@ServiceBeansOnH2
class CurveWriteOverH2Tests extends CurveWriteOverScenarios {

}
