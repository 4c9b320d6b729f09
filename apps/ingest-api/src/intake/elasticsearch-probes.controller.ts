import { Controller, Get, Head, HttpCode, NotFoundException, Param, Post, Put } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ES_VERSION } from './elasticsearch-info';

/** The probes need the shipper's key (so a wrong key shows before the first bulk) and answer as Elasticsearch. */
const PROBE = { auth: 'ingest', errorFormat: 'elasticsearch' } as const;

/**
 * The calls Elasticsearch shippers make before their first bulk (seen by running them): the
 * licence, index templates, whether an index exists, creating it. logad has no indices: every
 * index exists, and templates are acknowledged and not kept (the answer to reading one is 404, so
 * a client that checks before writing writes again at its next start, which is harmless).
 */
@Controller()
export class ElasticsearchProbesController {
  @Get('_license')
  @RouteConfig(PROBE)
  license(): unknown {
    return {
      license: {
        status: 'active',
        uid: 'logad',
        type: 'basic',
        issue_date_in_millis: 0,
        max_nodes: 1000,
        issued_to: 'logad',
        issuer: 'logad',
        start_date_in_millis: -1,
      },
    };
  }

  @Get(['_index_template/:name', '_template/:name'])
  @RouteConfig(PROBE)
  template(@Param('name') name: string): never {
    throw new NotFoundException(`index template matching [${name}] not found`);
  }

  @Put(['_index_template/:name', '_template/:name', '_component_template/:name', '_ilm/policy/:name'])
  @RouteConfig(PROBE)
  putTemplate(): unknown {
    return { acknowledged: true };
  }

  @Head(':index')
  @HttpCode(200)
  @RouteConfig(PROBE)
  indexExists(): void {}

  @Put(':index')
  @RouteConfig(PROBE)
  createIndex(@Param('index') index: string): unknown {
    return { acknowledged: true, shards_acknowledged: true, index };
  }

  /** pino-elasticsearch refreshes its index when its stream ends. */
  @Get(['_refresh', ':index/_refresh'])
  @RouteConfig(PROBE)
  refresh(): unknown {
    return { _shards: { total: 1, successful: 1, failed: 0 } };
  }

  @Post(['_refresh', ':index/_refresh'])
  @RouteConfig(PROBE)
  @HttpCode(200)
  refreshPost(): unknown {
    return this.refresh();
  }

  @Get('_cluster/health')
  @RouteConfig(PROBE)
  health(): unknown {
    return { cluster_name: 'logad', status: 'green', number_of_nodes: 1, number_of_data_nodes: 1, active_shards: 0, timed_out: false, version: ES_VERSION };
  }
}
