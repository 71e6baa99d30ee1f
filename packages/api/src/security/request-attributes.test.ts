import { describe, expect, it } from '@jest/globals';
import { accessAttributes } from './request-attributes.js';
import { forbiddenMessage } from './user-info.js';

describe('accessAttributes', () => {
  it('reads resource requests as kube-apiserver does', () => {
    expect(accessAttributes('GET', '/apis/metrics.k8s.io/v1beta1/nodes?labelSelector=a')).toEqual({
      kind: 'resource',
      verb: 'list',
      group: 'metrics.k8s.io',
      version: 'v1beta1',
      resource: 'nodes',
    });
    expect(
      accessAttributes('GET', '/apis/metrics.k8s.io/v1beta1/namespaces/ns1/pods/web%2D0'),
    ).toEqual({
      kind: 'resource',
      verb: 'get',
      group: 'metrics.k8s.io',
      version: 'v1beta1',
      resource: 'pods',
      namespace: 'ns1',
      name: 'web-0',
    });
    expect(accessAttributes('GET', '/api/v1/nodes/n1')).toMatchObject({
      group: '',
      resource: 'nodes',
      name: 'n1',
      verb: 'get',
    });
    expect(accessAttributes('GET', '/api/v1/pods?watch=true').verb).toBe('watch');
    expect(accessAttributes('GET', '/api/v1/namespaces/ns1')).toMatchObject({
      resource: 'namespaces',
      name: 'ns1',
    });
    expect(accessAttributes('POST', '/api/v1/namespaces/a/pods').verb).toBe('create');
    expect(accessAttributes('DELETE', '/api/v1/namespaces/a/pods').verb).toBe('deletecollection');
    expect(accessAttributes('GET', '/api/v1/namespaces/a/pods/p/log')).toMatchObject({
      resource: 'pods',
      subresource: 'log',
    });
  });

  it('reads discovery and everything else as non-resource requests', () => {
    for (const path of [
      '/apis',
      '/apis/metrics.k8s.io',
      '/apis/metrics.k8s.io/v1beta1',
      '/api',
      '/api/v1',
      '/version',
      '/metrics',
    ]) {
      expect(accessAttributes('GET', path)).toEqual({ kind: 'nonResource', verb: 'get', path });
    }
    expect(accessAttributes('GET', '/api/v1/a/b/c/d/e').kind).toBe('nonResource');
  });

  it('words denials like kube-apiserver', () => {
    const user = { username: 'bob', groups: [] };
    expect(
      forbiddenMessage(
        user,
        accessAttributes('GET', '/apis/metrics.k8s.io/v1beta1/namespaces/x/pods/p'),
        '',
      ),
    ).toBe(
      'pods.metrics.k8s.io "p" is forbidden: User "bob" cannot get resource "pods" in API group "metrics.k8s.io" in the namespace "x"',
    );
    expect(forbiddenMessage(user, accessAttributes('GET', '/metrics'), 'no rule')).toBe(
      'forbidden: User "bob" cannot get path "/metrics": no rule',
    );
  });
});
