import {describe, expect, it} from 'vitest';
import {screenProblems} from '../helpers/screen-checks.js';

const rule = {columns: 40, keys: true, inputs: ['screens-a.example.com']};

describe('screenProblems (the screenshot harness rule)', () => {
  it('passes a screen that fits, hints ? and q, and cuts nothing', () => {
    const screen = 'status lab · demo · buntime   ● live\nhost screens-a.example.com\nenter details ? keys q quit\n';
    expect(screenProblems(screen, rule)).toEqual([]);
  });

  it('catches a line wider than the terminal', () => {
    expect(screenProblems(`${'x'.repeat(41)}\n? keys q quit`, rule)[0]).toMatch(/41 columns wide/);
  });

  it('catches a hint without ? or q on a screen that reads keys, not on a prompt', () => {
    const screen = 'tab pane · ↑↓ row · enter details · l logs · r resy…';
    expect(screenProblems(screen, rule).join('\n')).toMatch(/hint does not show \? and q/);
    expect(screenProblems('? Ingress Hostname\n', {...rule, keys: false})).toEqual([]);
  });

  it('catches … on a screen with no way to open it, but not progress texts or the live screen', () => {
    expect(screenProblems('NOTES: backup jobs (admin) may conne…\n? keys q quit', rule)[0]).toMatch(/cut with …/);
    expect(screenProblems('⠋ Looking at the cluster and helm…\n? keys q quit', rule)).toEqual([]);
    expect(screenProblems(' buntime-turso-backup-ma… 0/1\nenter details ? keys q quit', rule)).toEqual([]);
  });

  it('catches a typed value shown cut where nothing opens it', () => {
    expect(screenProblems('Open https://screens-a.exam…\n? keys q quit', rule)).toContain(
      'the typed value screens-a.example.com is shown cut: screens-a.exam…',
    );
    expect(screenProblems('pod buntime-turso-0/screens-a.ex… (i)\n? keys q quit', rule)).toEqual([]);
  });
});
