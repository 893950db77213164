export type {
  ActiveMeasureRow as ActiveMeasureStatisticsMapper, GroupKey as StatisticsGroupKeyMapper, ReasonRow as ReasonStatisticsMapper,
  ReferralRow as ReferralStatisticsMapper, RegistrationRow as RegistrationStatisticsMapper, RelocationRow as RelocationStatisticsMapper,
  Statistics as StatisticsMapper,
} from './statistics.service.ts';
