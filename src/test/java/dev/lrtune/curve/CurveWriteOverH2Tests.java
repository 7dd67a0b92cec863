package dev.lrtune.curve;

/** {@link CurveWriteOverScenarios} on H2. */
@CurveStoreOnH2
class CurveWriteOverH2Tests extends CurveWriteOverScenarios {

}
