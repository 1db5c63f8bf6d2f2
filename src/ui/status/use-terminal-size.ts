import {useStdout} from 'ink';
import {useEffect, useState} from 'react';

/** Columns and rows of the output terminal, updated on resize (Ink 6.8 has no hook for it). */
export function useTerminalSize(): {columns: number; rows: number} {
  const {stdout} = useStdout();
  const read = () => ({columns: stdout.columns || 80, rows: stdout.rows || 24});
  const [size, setSize] = useState(read);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `read` only reads `stdout`, the one dependency.
  useEffect(() => {
    const onResize = (): void => setSize(read());
    stdout.on('resize', onResize);
    onResize();
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout]);
  return size;
}
