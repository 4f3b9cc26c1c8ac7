// PLACEHOLDER: `pyai-lint` arrives with the analysis engine.
process.stderr.write('pyai-lint: not built yet\n');
process.exit(2);
