package dev.lrtune;

import java.lang.management.ManagementFactory;
import java.util.OptionalInt;

/** A stand-in for the application's main in {@link VectorModuleRelaunchTests}: reports the module and the huge pages and exits. */
final class RelaunchProbe {

	private RelaunchProbe() {
	}

	public static void main(String[] args) {
		OptionalInt childStatus = VectorModuleRelaunch.runIfNeeded(args);
		if (childStatus.isPresent()) {
			System.exit(childStatus.getAsInt());
		}
		System.out.println("module resolved: " + ModuleLayer.boot().findModule(VectorModuleRelaunch.MODULE).isPresent()
				+ ", huge pages: " + ManagementFactory.getRuntimeMXBean().getInputArguments()
					.contains(VectorModuleRelaunch.HUGE_PAGES)
				+ ", args: " + String.join(" ", args));
		System.exit(Integer.parseInt(args[0]));
	}

}
