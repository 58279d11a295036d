import { spawnSync } from 'node:child_process';

/** Debian's python3 with python3-onnx (the ONNX checker); not a pyenv shim that may lack onnx. */
export const ONNX_CHECKER_PYTHON = '/usr/bin/python3';

/** True when the checker can be imported. */
export function hasOnnxChecker(): boolean {
  return spawnSync(ONNX_CHECKER_PYTHON, ['-c', 'import onnx'], { stdio: 'ignore' }).status === 0;
}
