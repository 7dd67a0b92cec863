#!/usr/bin/env python3
"""The fused multiply-add loop of each method C2 compiled, read from HotSpot's hex [MachCode] dumps (no hsdis).

Usage: java -XX:+UnlockDiagnosticVMOptions \
         -XX:CompileCommand=print,dev.lrtune.core.model.VectorKernels::tile3 ... > out.txt
       python3 bench/tile_loop.py out.txt            # per C2 method: its FMA loop's counts
       python3 bench/tile_loop.py out.txt --print    # and the loop's instructions

For each method compiled by C2 (not OSR), the first loop whose body holds a vfmadd: its instructions per
trip, the fused multiply-adds, the references to the stack (spilled values reloaded) and the stores to it,
the index checks (jae) and calls. Needs objdump (binutils)."""
import re
import subprocess
import sys
import tempfile


def methods(text):
	parts = text.split('[MachCode]')
	for i in range(1, len(parts)):
		header = [line for line in parts[i - 1].splitlines() if 'Compiled method' in line]
		code = bytearray()
		for line in parts[i].split('[/MachCode]')[0].splitlines():
			m = re.match(r'\s*0x[0-9a-f]+: ((?:[0-9a-f]{2,8}\s*\|?\s*)+)$', line)
			if m:
				for token in re.findall(r'[0-9a-f]+', m.group(1)):
					code += bytes.fromhex(token)
		yield (header[-1].strip() if header else '?'), bytes(code)


def disassemble(code):
	with tempfile.NamedTemporaryFile(suffix='.bin') as f:
		f.write(code)
		f.flush()
		out = subprocess.run(['objdump', '-D', '-b', 'binary', '-mi386:x86-64', f.name], capture_output=True,
				text=True).stdout
	instructions = []
	for line in out.splitlines():
		fields = line.split('\t')
		if len(fields) >= 3 and re.match(r'\s*[0-9a-f]+:$', fields[0]):
			instructions.append((int(fields[0].strip()[:-1], 16), fields[2].strip()))
	return instructions


def fma_loop(instructions):
	"""The instructions from the target of the first backward branch past the first FMA up to that branch."""
	fmas = [i for i, (_, text) in enumerate(instructions) if text.startswith('vfmadd')]
	if not fmas:
		return None
	first = instructions[fmas[0]][0]
	for i in range(fmas[0], len(instructions)):
		m = re.match(r'j\w+\s+0x([0-9a-f]+)', instructions[i][1])
		if m and int(m.group(1), 16) <= first:
			target = int(m.group(1), 16)
			return [(a, t) for a, t in instructions if target <= a <= instructions[i][0]]
	return None


def main():
	text = open(sys.argv[1], errors='replace').read()
	show = '--print' in sys.argv
	for header, code in methods(text):
		if '(c2)' not in header or ' % ' in header:
			continue
		loop = fma_loop(disassemble(code))
		if loop is None:
			continue
		body = [t for _, t in loop]
		stack = [t for t in body if '(%rsp' in t]
		stores = [t for t in stack if re.search(r',\s*-?0x[0-9a-f]*\(%rsp\)$|,\s*\(%rsp\)$', t)]
		print(re.sub(r'\s+', ' ', header))
		print('  loop: %d instructions, %d vfmadd, %d stack references (%d stores), %d jae, %d calls' % (
			len(body), sum(t.startswith('vfmadd') for t in body), len(stack), len(stores),
			sum(t.startswith('jae') for t in body), sum(t.startswith('call') for t in body)))
		if show:
			for address, t in loop:
				print('    %5x  %s' % (address, t))


if __name__ == '__main__':
	main()
