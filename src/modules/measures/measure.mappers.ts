export type {
  EntrepreneurshipBasicsTraining as EntrepreneurshipBasicsTrainingMapper, EntrepreneurshipSupport as EntrepreneurshipSupportMapper,
  Grant as GrantMapper, Microcredit as MicrocreditMapper, ProfessionalTraining as ProfessionalTrainingMapper, Relocation as RelocationMapper,
  RelocationAssistance as RelocationAssistanceMapper, RelocationFamilyMember as RelocationFamilyMemberMapper,
  RelocationHousing as RelocationHousingMapper, SubsidizedJob as SubsidizedJobMapper,
} from './measure.entity.ts';
