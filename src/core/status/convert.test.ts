import {describe, expect, it} from 'vitest';
import {claimInfo, cronJobInfo, jobInfo} from './convert.js';

describe('cronJobInfo', () => {
  it('reads schedule, suspension, times and active jobs (Date or string timestamps)', () => {
    expect(
      cronJobInfo({
        metadata: {name: 'buntime-turso-backup', creationTimestamp: '2026-07-01T00:00:00Z'},
        spec: {schedule: '0 2 * * *', suspend: true},
        status: {
          lastScheduleTime: new Date('2026-07-07T02:00:00Z'),
          lastSuccessfulTime: '2026-07-07T02:01:00Z',
          active: [{name: 'j1'}, {}],
        },
      }),
    ).toEqual({
      name: 'buntime-turso-backup',
      schedule: '0 2 * * *',
      suspend: true,
      createdAt: Date.parse('2026-07-01T00:00:00Z'),
      lastScheduleTime: Date.parse('2026-07-07T02:00:00Z'),
      lastSuccessfulTime: Date.parse('2026-07-07T02:01:00Z'),
      active: ['j1'],
    });
  });
});

describe('jobInfo', () => {
  it.each([
    [{status: {active: 1}}, 'running'],
    [{status: {succeeded: 1, conditions: [{type: 'Complete', status: 'True'}]}}, 'succeeded'],
    [
      {
        status: {
          failed: 3,
          conditions: [
            {
              type: 'Failed',
              status: 'True',
              reason: 'BackoffLimitExceeded',
              message: 'Job has reached the specified backoff limit',
            },
          ],
        },
      },
      'failed',
    ],
  ] as const)('%j → %s', (job, state) => expect(jobInfo({metadata: {name: 'j'}, ...job}).state).toBe(state));

  it('marks manual jobs and keeps the failure reason', () => {
    const job = jobInfo({
      metadata: {
        name: 'j',
        annotations: {'cronjob.kubernetes.io/instantiate': 'manual'},
        creationTimestamp: '2026-07-07T10:00:00Z',
      },
      status: {
        conditions: [
          {
            type: 'Failed',
            status: 'True',
            reason: 'BackoffLimitExceeded',
            message: 'Job has reached the specified backoff limit',
          },
        ],
      },
    });
    expect(job).toEqual({
      name: 'j',
      state: 'failed',
      manual: true,
      startedAt: Date.parse('2026-07-07T10:00:00Z'),
      message: 'BackoffLimitExceeded: Job has reached the specified backoff limit',
    });
  });
});

describe('claimInfo', () => {
  it('defaults the phase to Pending and omits an empty class', () => {
    expect(claimInfo({metadata: {name: 'c'}})).toEqual({name: 'c', phase: 'Pending'});
    expect(claimInfo({metadata: {name: 'c'}, spec: {storageClassName: 'nfs'}, status: {phase: 'Bound'}})).toEqual({
      name: 'c',
      phase: 'Bound',
      storageClassName: 'nfs',
    });
  });
});
